using RuleEngine.Runs;

namespace RuleEngine.Server.Runs;

/// <summary>The body of <c>POST /api/rules/{name}/runs</c>.</summary>
public sealed record TriggerRunRequest(
    bool? DryRun = null, DateTime? AsOf = null, IReadOnlyList<string>? CustomerIds = null, IReadOnlyDictionary<string, string>? Parameters = null);

/// <summary>The answer to a trigger: where to watch the run.</summary>
public sealed record RunAccepted(string Id, string Status);

/// <summary>
/// A run as <c>GET /api/runs/{id}</c> shows it (see the shared API contract). <c>mode</c> is <c>run</c>, <c>dry-run</c> or
/// <c>preview</c>; a preview's <c>impact</c> is its comparison of the draft with the live version.
/// </summary>
public sealed record RunView(
    string Id, string Rule, string? VersionHash, string? Kind, string Trigger, string TriggeredBy, bool DryRun, string Mode, DateTime AsOf,
    string Status, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, RunProgress Progress, RunCounts Counts,
    string? Error, IReadOnlyDictionary<string, string> Parameters, IReadOnlyList<string>? CustomerIds, DateTime? ScheduledFor,
    string? RerunOf, object? Impact, PreviewView? Preview)
{
    public static RunView From(Run r) => new(
        r.Id, r.Rule, r.VersionHash, r.Kind?.ToString().ToLowerInvariant(), r.Trigger.ToString().ToLowerInvariant(), r.TriggeredBy,
        r.DryRun, ModeOf(r), r.AsOf, r.Status.ToString().ToLowerInvariant(), r.CreatedAt, r.StartedAt, r.FinishedAt, r.Progress, r.Counts,
        r.Error, r.Parameters, r.CustomerIds, r.ScheduledFor, r.RerunOf, r.Preview is null ? r.Impact : r.Comparison,
        r.Preview is { } p ? new PreviewView(p.DraftHash, p.ReplayOf) : null);

    public static string ModeOf(Run r) => r.Preview is not null ? "preview" : r.DryRun ? "dry-run" : "run";
}

/// <summary>A preview's draft (by source hash; the live version is <c>versionHash</c>) and the run it replays, if any.</summary>
public sealed record PreviewView(string DraftHash, string? ReplayOf);
