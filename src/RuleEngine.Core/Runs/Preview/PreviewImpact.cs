namespace RuleEngine.Runs.Preview;

/// <summary>
/// How a draft's outcomes differ from the live version's on the same customers at the same as-of time: who would end in
/// which segment value under each, the points and tasks each would give, and a sample of customers they treat differently.
/// </summary>
public sealed record PreviewImpact
{
    /// <summary>Customers whose segment value differs: <c>From</c> under live, <c>To</c> under the draft (null: none).</summary>
    public IReadOnlyList<SegmentMove> Moves { get; init; } = [];
    /// <summary>Net points (awards minus deductions) the run would write under each version.</summary>
    public required VersionTotals Points { get; init; }
    /// <summary>Follow-up tasks the run would create under each version.</summary>
    public required VersionTotals Tasks { get; init; }
    /// <summary>Customers whose evaluation failed under each version (see the run's log).</summary>
    public required VersionTotals Failed { get; init; }
    /// <summary>Customers the versions treat differently (each has rows in the run's outcomes).</summary>
    public long CustomersDiffering { get; init; }
    public IReadOnlyList<PreviewSample> Samples { get; init; } = [];
}

public sealed record VersionTotals(long Draft, long Live);

/// <summary>
/// One customer the versions treat differently. <see cref="Live"/> and <see cref="Draft"/> map each differing outcome
/// (<c>segment:tier</c>, <c>points:welcome</c>, ...) to the value that version leaves (null: no change); the
/// explanations are every outcome each version asked for this customer, with its reason.
/// </summary>
public sealed record PreviewSample(
    string CustomerId, IReadOnlyDictionary<string, string?> Live, IReadOnlyDictionary<string, string?> Draft, PreviewExplanations Explanations);

public sealed record PreviewExplanations(IReadOnlyList<string> Live, IReadOnlyList<string> Draft);
