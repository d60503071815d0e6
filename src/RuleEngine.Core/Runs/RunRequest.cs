namespace RuleEngine.Runs;

/// <summary>What a trigger asks for: <c>POST /api/rules/{name}/runs</c>, the scheduler, or a rerun.</summary>
public sealed record RunRequest
{
    public required string Rule { get; init; }
    public RunTrigger Trigger { get; init; } = RunTrigger.Manual;
    public required string TriggeredBy { get; init; }
    public bool DryRun { get; init; }
    /// <summary>See the data as it was then (a backfill); null: now.</summary>
    public DateTime? AsOf { get; init; }
    public IReadOnlyList<string>? CustomerIds { get; init; }
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    /// <summary>For scheduled runs: the fire time the run is for (part of the run's id).</summary>
    public DateTime? ScheduledFor { get; init; }
    /// <summary>For reruns: the run to complete, and the version it ran.</summary>
    public string? RerunOf { get; init; }
    public string? VersionHash { get; init; }
    /// <summary>For previews: the draft to evaluate beside <see cref="VersionHash"/> (then <see cref="DryRun"/> is true).</summary>
    public Preview.RunPreview? Preview { get; init; }
}

/// <summary>Why a run could not be started or changed, in words for the caller.</summary>
public sealed class RunRejectedException(string message, RunRejection reason) : Exception(message)
{
    public RunRejection Reason { get; } = reason;
}

/// <summary>
/// NotFound: no such rule or run. Invalid: the request itself is wrong. Conflict: not possible in the current state.
/// Busy: too many runs are waiting; the same request later will be accepted.
/// </summary>
public enum RunRejection { NotFound, Invalid, Conflict, Busy }
