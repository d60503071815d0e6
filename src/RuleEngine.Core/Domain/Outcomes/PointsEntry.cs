namespace RuleEngine.Domain.Outcomes;

/// <summary>
/// One line of a customer's points ledger. The balance is the sum of <see cref="Delta"/>; entries are never edited.
/// <see cref="Id"/> derives from rule, customer and <see cref="Key"/>, so a reason is paid at most once.
/// </summary>
public sealed record PointsEntry
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required PointsEntryType Type { get; init; }
    /// <summary>Positive for earn, negative for spend and expire.</summary>
    public required long Delta { get; init; }
    public required string Reason { get; init; }
    /// <summary>The idempotency key within the rule and customer, e.g. <c>order:o-1</c>, <c>signin:2026-11-22</c>, <c>birthday:2026</c>.</summary>
    public required string Key { get; init; }
    public required OutcomeSource Source { get; init; }
    public string? Explanation { get; init; }
}

public enum PointsEntryType { Earn, Spend, Expire }

/// <summary>A rule's request to add a ledger entry; ignored when the same rule already wrote <paramref name="Key"/> for the customer.</summary>
public sealed record PointsGrant(string CustomerId, PointsEntryType Type, long Delta, string Reason, string Key, string? Explanation = null);
