namespace RuleEngine.Domain.Outcomes;

/// <summary>
/// One stay of a customer in a segment (<c>kind</c> = <c>value</c>, e.g. <c>value-grade</c> = <c>A</c>).
/// The open stay (<see cref="LeftAt"/> null) is the customer's current segment of that kind; closed stays are the history.
/// </summary>
public sealed record SegmentMembership
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Kind { get; init; }
    public required string Value { get; init; }
    public required DateTime EnteredAt { get; init; }
    public required OutcomeSource EnteredBy { get; init; }
    public string? Explanation { get; init; }
    public DateTime? LeftAt { get; init; }
    public OutcomeSource? LeftBy { get; init; }
}

/// <summary>A rule's decision that a customer belongs to <paramref name="Value"/> of <paramref name="Kind"/> (null: to none).</summary>
public sealed record SegmentAssignment(string CustomerId, string Kind, string? Value, string? Explanation = null);
