using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage;

/// <summary>Where rule runs write what they decided. Each batch is one transaction; repeats change nothing.</summary>
public interface IOutcomeWriter
{
    Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the batch, or with <see cref="OutcomeMode.Preview"/> works out what it would change with the very same
    /// logic and keeps nothing (a dry run), and says what changed for which customer.
    /// </summary>
    Task<OutcomeResult> ApplyAsync(OutcomeBatch batch, OutcomeMode mode, CancellationToken cancellationToken = default);
}

/// <summary>A segment value and how many customers are in it now.</summary>
public sealed record SegmentSummary(string Kind, string Value, long Members);

public sealed record SegmentMember(string CustomerId, DateTime EnteredAt, string? Explanation);

public interface ISegmentStore
{
    /// <summary>The customer's current segments: kind → value.</summary>
    IReadOnlyDictionary<string, string> CurrentFor(string customerId);

    /// <summary>Every stay of the customer in any segment, oldest first.</summary>
    IReadOnlyList<SegmentMembership> HistoryFor(string customerId);

    /// <summary>Every stay of these customers, in no particular order: a page's state in one read.</summary>
    IReadOnlyList<SegmentMembership> HistoryFor(IReadOnlyCollection<string> customerIds);

    IReadOnlyList<SegmentSummary> Summaries();

    /// <summary>The customers now in the segment, in id order.</summary>
    Page<SegmentMember> Members(string kind, string value, PageRequest page);
}

public interface IScoreStore
{
    IReadOnlyList<Score> ScoresFor(string customerId);

    IReadOnlyList<CustomerTag> TagsFor(string customerId);

    /// <summary>The scores of these customers, in no particular order.</summary>
    IReadOnlyList<Score> ScoresFor(IReadOnlyCollection<string> customerIds);

    /// <summary>The tags of these customers, in no particular order.</summary>
    IReadOnlyList<CustomerTag> TagsFor(IReadOnlyCollection<string> customerIds);
}

public interface IPointsLedger
{
    /// <summary>The customer's ledger, oldest first.</summary>
    IReadOnlyList<PointsEntry> EntriesFor(string customerId);

    /// <summary>The ledger entries of these customers, in no particular order.</summary>
    IReadOnlyList<PointsEntry> EntriesFor(IReadOnlyCollection<string> customerIds);

    long BalanceOf(string customerId);
}
