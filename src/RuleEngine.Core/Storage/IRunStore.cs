using RuleEngine.Runs;

namespace RuleEngine.Storage;

/// <summary>Runs, their logs and their outcomes.</summary>
public interface IRunStore
{
    /// <summary>Inserts or replaces the run (runs are saved at each status change and progress step).</summary>
    Task SaveAsync(Run run, CancellationToken cancellationToken = default);

    /// <summary>Inserts the run only if no run has its id; false when one already exists (a slot fired twice).</summary>
    Task<bool> TryCreateAsync(Run run, CancellationToken cancellationToken = default);

    Run? Find(string id);

    /// <summary>Runs newest first, filtered.</summary>
    Page<Run> List(RunQuery query, PageRequest page);

    /// <summary>Runs in one of <paramref name="statuses"/> (for recovery at start-up and the queue).</summary>
    IReadOnlyList<Run> WithStatus(params RunStatus[] statuses);

    /// <summary>The latest run of a rule that was triggered by its schedule, if any.</summary>
    Run? LastScheduled(string rule);

    /// <summary>The latest run of a rule, if any.</summary>
    Run? Last(string rule);

    Task AppendLogAsync(IReadOnlyList<RunLogLine> lines, CancellationToken cancellationToken = default);

    Page<RunLogLine> Logs(string runId, PageRequest page);

    Task AppendOutcomesAsync(IReadOnlyList<RunOutcomeRecord> outcomes, CancellationToken cancellationToken = default);

    Page<RunOutcomeRecord> Outcomes(string runId, PageRequest page);
}

/// <param name="Actor">Who triggered the runs: an API key name, <c>scheduler</c>...</param>
public sealed record RunQuery(
    string? Rule = null, RunStatus? Status = null, DateTime? From = null, DateTime? To = null, RunTrigger? Trigger = null, string? Actor = null);
