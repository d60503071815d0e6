using RuleEngine.Domain;

namespace RuleEngine.Storage;

/// <summary>
/// One change in a customer's history, with the run and rule version that made it and the rule's reason.
/// <see cref="Type"/> says which of the type-specific fields are set: segment (Kind, From, To), score (Name, From, To),
/// points (Amount, Reason, Key), task (TaskType, Status, Key, Due).
/// </summary>
public sealed record HistoryEntry
{
    public required DateTime At { get; init; }
    public required string Type { get; init; }
    public required string Rule { get; init; }
    public required string VersionHash { get; init; }
    public required string RunId { get; init; }
    public string? Explanation { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public long? Amount { get; init; }
    public string? Reason { get; init; }
    public string? Key { get; init; }
    public string? TaskType { get; init; }
    public string? Status { get; init; }
    public DateTime? Due { get; init; }
}

public interface ICustomerHistory
{
    /// <summary>Segment moves, score changes, points entries and tasks of the customer, oldest first, within [from, to].</summary>
    IReadOnlyList<HistoryEntry> For(string customerId, DateTime? from, DateTime? to);
}

public enum TrendBucket { Day, Week, Month }

/// <summary>Members of each value at the end of the bucket (the last bucket ends at the range's end).</summary>
public sealed record TrendPoint(DateOnly Start, DateOnly End, IReadOnlyDictionary<string, long> Members);

public sealed record SegmentTrend(string Kind, TrendBucket Bucket, DateOnly From, DateOnly To, IReadOnlyList<string> Values, IReadOnlyList<TrendPoint> Points);

public interface ISegmentTrends
{
    /// <summary>The members of each value of <paramref name="kind"/> per bucket over [from, to] (UTC days); null for a kind no stay ever had.</summary>
    SegmentTrend? Trend(string kind, DateOnly from, DateOnly to, TrendBucket bucket);
}

/// <summary>Points that entered and left the balances within a bucket: earned (net of reversals), spent, expired.</summary>
public sealed record PointsFlow(DateOnly Start, DateOnly End, long Earned, long Spent, long Expired);

public sealed record PointsTrend(TrendBucket Bucket, DateOnly From, DateOnly To, IReadOnlyList<PointsFlow> Points);

public interface IPointsTrends
{
    /// <summary>Points earned, spent and expired in every bucket over [from, to] (UTC days), from the day totals kept with the ledger.</summary>
    PointsTrend Trend(DateOnly from, DateOnly to, TrendBucket bucket);
}

/// <param name="Text">A prefix of the id (as written), or of the name or e-mail (any case), or of the phone's digits.</param>
/// <param name="SegmentKind">With <paramref name="SegmentValue"/>: only customers now in that segment.</param>
public sealed record CustomerSearchQuery(string? Text = null, string? SegmentKind = null, string? SegmentValue = null);

public interface ICustomerSearch
{
    /// <summary>The matching customers, each once, in key order (a customer found by several keys sits at the first).</summary>
    Page<Customer> Search(CustomerSearchQuery query, PageRequest page);
}
