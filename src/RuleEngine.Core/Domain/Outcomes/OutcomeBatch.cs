namespace RuleEngine.Domain.Outcomes;

/// <summary>
/// Everything one rule decided for a page of customers, applied in one storage transaction.
/// Applying the same batch twice changes nothing the second time.
/// </summary>
public sealed record OutcomeBatch
{
    public required OutcomeSource Source { get; init; }
    public IReadOnlyList<SegmentAssignment> Segments { get; init; } = [];
    public IReadOnlyList<ScoreChange> Scores { get; init; } = [];
    public IReadOnlyList<TagChange> Tags { get; init; } = [];
    public IReadOnlyList<PointsGrant> Points { get; init; } = [];
    public IReadOnlyList<FollowUpRequest> FollowUps { get; init; } = [];
    public IReadOnlyList<FollowUpCancellation> Cancellations { get; init; } = [];
    public IReadOnlyList<CouponGrant> Coupons { get; init; } = [];
    public IReadOnlyList<DrawChanceGrant> DrawChances { get; init; } = [];
}

/// <summary>What applying a batch actually changed (zero everywhere for a repeat): the run counts.</summary>
public sealed record OutcomeCounts
{
    public int SegmentChanges { get; init; }
    public int ScoreChanges { get; init; }
    public int TagChanges { get; init; }
    public int PointsEntries { get; init; }
    public long PointsAwarded { get; init; }
    public int TasksCreated { get; init; }
    public int TasksCancelled { get; init; }
    public int CouponsGranted { get; init; }
    public int DrawChancesGranted { get; init; }

    public static OutcomeCounts operator +(OutcomeCounts a, OutcomeCounts b) => new()
    {
        SegmentChanges = a.SegmentChanges + b.SegmentChanges,
        ScoreChanges = a.ScoreChanges + b.ScoreChanges,
        TagChanges = a.TagChanges + b.TagChanges,
        PointsEntries = a.PointsEntries + b.PointsEntries,
        PointsAwarded = a.PointsAwarded + b.PointsAwarded,
        TasksCreated = a.TasksCreated + b.TasksCreated,
        TasksCancelled = a.TasksCancelled + b.TasksCancelled,
        CouponsGranted = a.CouponsGranted + b.CouponsGranted,
        DrawChancesGranted = a.DrawChancesGranted + b.DrawChancesGranted,
    };
}

/// <summary>Apply for real, or only work out what would change.</summary>
public enum OutcomeMode { Apply, Preview }

/// <summary>What one outcome changed: <see cref="Type"/> is segment, score, tag, points, task, task_cancel, coupon or draw_chance.</summary>
public sealed record OutcomeChange(string CustomerId, string Type, string Target, string? From, string? To, string? Explanation);

/// <summary>The counts of a batch and every change behind them.</summary>
public sealed record OutcomeResult(OutcomeCounts Counts, IReadOnlyList<OutcomeChange> Changes);
