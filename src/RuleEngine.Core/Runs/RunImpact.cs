namespace RuleEngine.Runs;

/// <summary>
/// What a dry run would change against the current state: moves between segment values ("1,203 gold → platinum"),
/// points, tasks, and a sample of affected customers with the rule's explanations.
/// </summary>
public sealed record RunImpact
{
    public IReadOnlyList<SegmentMove> SegmentMoves { get; init; } = [];
    public long PointsAwarded { get; init; }
    public long PointsDeducted { get; init; }
    public long TasksCreated { get; init; }
    public long TasksCancelled { get; init; }
    public long CouponsGranted { get; init; }
    public long DrawChancesGranted { get; init; }
    public IReadOnlyList<ImpactSample> Sample { get; init; } = [];
}

/// <summary><see cref="Customers"/> customers would move from <see cref="From"/> (null: none) to <see cref="To"/> in segment <see cref="Kind"/>.</summary>
public sealed record SegmentMove(string Kind, string? From, string? To, long Customers);

/// <summary>One affected customer and what the rule would do to them, with its explanations.</summary>
public sealed record ImpactSample(string CustomerId, IReadOnlyList<string> Changes);
