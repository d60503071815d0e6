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

    IReadOnlyList<SegmentSummary> Summaries();

    /// <summary>The customers now in the segment, in id order.</summary>
    Page<SegmentMember> Members(string kind, string value, PageRequest page);
}

public interface IScoreStore
{
    IReadOnlyList<Score> ScoresFor(string customerId);

    IReadOnlyList<CustomerTag> TagsFor(string customerId);
}

public interface IPointsLedger
{
    /// <summary>The customer's ledger, oldest first.</summary>
    IReadOnlyList<PointsEntry> EntriesFor(string customerId);

    long BalanceOf(string customerId);
}
