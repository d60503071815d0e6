using RuleEngine.Rules;
using RuleEngine.Scripting;
using RuleEngine.Storage;

namespace RuleEngine.Runs.Preview;

/// <summary>What <c>POST /api/rules/{name}/preview</c> asks for.</summary>
public sealed record PreviewRequest
{
    public required string Rule { get; init; }
    public required string Text { get; init; }
    public required string TriggeredBy { get; init; }
    /// <summary>The data as it was then; null: now (or the replayed run's).</summary>
    public DateTime? AsOf { get; init; }
    public IReadOnlyList<string>? CustomerIds { get; init; }
    /// <summary>A past run to replay: its as-of time, customers and parameters.</summary>
    public string? ReplayOf { get; init; }
}

/// <summary>The draft does not compile or fails the safety check: nothing was started.</summary>
public sealed class DraftRejectedException(IReadOnlyList<RuleDiagnostic> diagnostics)
    : Exception($"The draft does not compile: {string.Join("; ", diagnostics.Where(d => d.IsError))}")
{
    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>
/// Starts previews: checks the request and compiles the draft at once (a draft that does not compile is refused with its
/// diagnostics, before anything is queued), then queues a dry run that carries the draft beside the live version.
/// </summary>
public sealed class RulePreviews(RuleCatalog catalog, RunCoordinator coordinator, IRunStore runs, PreviewDrafts drafts)
{
    /// <exception cref="RunRejectedException">Unknown rule or run, asOf with a run to replay, no live version, queue full.</exception>
    /// <exception cref="DraftRejectedException">The draft does not compile.</exception>
    public async Task<Run> StartAsync(PreviewRequest request, CancellationToken cancellation = default)
    {
        var rule = catalog.Find(request.Rule) ?? throw new RunRejectedException($"No rule named '{request.Rule}'.", RunRejection.NotFound);
        if (request.AsOf is not null && request.ReplayOf is not null)
            throw new RunRejectedException("Give either asOf or runId: a replay takes its as-of time from the run it replays.", RunRejection.Invalid);
        Run? replayed = null;
        if (request.ReplayOf is { } runId)
            replayed = runs.Find(runId) ?? throw new RunRejectedException($"No run with id '{runId}'.", RunRejection.NotFound);
        if (rule.Active is not { } live)
            throw new RunRejectedException($"Rule '{request.Rule}' has no live version to compare the draft with; save it (PUT /api/rules/{request.Rule}) instead.", RunRejection.Conflict);

        var compilation = await Task.Run(() => catalog.Validate(request.Text, request.Rule), cancellation);
        if (!compilation.Succeeded) throw new DraftRejectedException(compilation.Diagnostics);
        drafts.Keep(compilation);
        return await coordinator.TriggerAsync(new RunRequest
        {
            Rule = request.Rule, TriggeredBy = request.TriggeredBy, DryRun = true, VersionHash = live.Hash,
            AsOf = replayed?.AsOf ?? request.AsOf,
            CustomerIds = request.CustomerIds ?? replayed?.CustomerIds,
            Parameters = replayed?.Parameters,
            Preview = new RunPreview(request.Text, compilation.Sources.Hash, replayed?.Id),
        }, cancellation);
    }
}
