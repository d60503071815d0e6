using RuleEngine.Domain;

namespace RuleEngine.Runs;

/// <summary>
/// One execution of one rule version over customers: what auditors read to know what ran, when, for whom,
/// triggered by whom, and what it changed. Immutable; the coordinator saves a new copy at each step.
/// </summary>
public sealed record Run
{
    public required string Id { get; init; }
    public required string Rule { get; init; }
    /// <summary>The rule version that ran (set when the run starts).</summary>
    public string? VersionHash { get; init; }
    public RuleKind? Kind { get; init; }
    public required RunTrigger Trigger { get; init; }
    /// <summary>The API key name, <c>scheduler</c>, or the id of the run this one reruns.</summary>
    public required string TriggeredBy { get; init; }
    public bool DryRun { get; init; }
    /// <summary>The run's clock: the as-of time asked for, else the scheduled fire time, else when it was triggered.</summary>
    public required DateTime AsOf { get; init; }
    /// <summary>True when the caller asked for an as-of time in the past (a backfill).</summary>
    public bool AsOfRequested { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Limits the run to these customers (a quick check); null: every customer.</summary>
    public IReadOnlyList<string>? CustomerIds { get; init; }
    /// <summary>For scheduled runs: the fire time this run is for. It is part of the run's id, so a slot never runs twice.</summary>
    public DateTime? ScheduledFor { get; init; }
    /// <summary>For reruns: the run this one completes.</summary>
    public string? RerunOf { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public RunProgress Progress { get; init; } = new(0, null);
    public RunCounts Counts { get; init; } = new();
    public string? Error { get; init; }
    /// <summary>For dry runs: what the run would change.</summary>
    public RunImpact? Impact { get; init; }
    /// <summary>For previews: the draft evaluated beside the live version (<see cref="VersionHash"/>); such a run is also a dry run.</summary>
    public Preview.RunPreview? Preview { get; init; }
    /// <summary>For previews: how the draft's outcomes differ from the live version's on the same customers.</summary>
    public Preview.PreviewImpact? Comparison { get; init; }

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Interrupted;
}

public enum RunStatus { Pending, Running, Succeeded, Failed, Cancelled, Interrupted }

/// <summary>Event: a batch of customers whose orders, events or profiles changed (see Triggers/TriggerDispatcher).</summary>
public enum RunTrigger { Schedule, Manual, Rerun, Event }

/// <summary>Customers processed so far and, once known, how many the run covers.</summary>
public sealed record RunProgress(long Processed, long? Total);

/// <summary>What the run did (or, for a dry run, would do).</summary>
public sealed record RunCounts
{
    public long Evaluated { get; init; }
    public long Failed { get; init; }
    public long SegmentChanges { get; init; }
    public long ScoreChanges { get; init; }
    public long TagChanges { get; init; }
    public long PointsEntries { get; init; }
    public long PointsAwarded { get; init; }
    public long TasksCreated { get; init; }
    public long TasksCancelled { get; init; }
    public long CouponsGranted { get; init; }
    public long DrawChancesGranted { get; init; }

    /// <summary>Both together: the parts of a partitioned run add up to the run.</summary>
    public RunCounts Plus(RunCounts other) => new()
    {
        Evaluated = Evaluated + other.Evaluated, Failed = Failed + other.Failed, SegmentChanges = SegmentChanges + other.SegmentChanges,
        ScoreChanges = ScoreChanges + other.ScoreChanges, TagChanges = TagChanges + other.TagChanges,
        PointsEntries = PointsEntries + other.PointsEntries, PointsAwarded = PointsAwarded + other.PointsAwarded,
        TasksCreated = TasksCreated + other.TasksCreated, TasksCancelled = TasksCancelled + other.TasksCancelled,
        CouponsGranted = CouponsGranted + other.CouponsGranted, DrawChancesGranted = DrawChancesGranted + other.DrawChancesGranted,
    };
}
