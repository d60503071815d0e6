using System.Text.Json;

namespace RuleEngine.Console.Model;

/// <summary>One page of a paged list (<c>{ items, nextCursor }</c>).</summary>
public sealed record ItemsPage<T>(List<T> Items, string? NextCursor);

/// <summary>The runs page's filters, as <c>GET /api/runs</c> takes them (empty: any).</summary>
public sealed record RunFilter(string? Rule = null, string? Status = null, string? Trigger = null, string? Actor = null, DateTime? From = null, DateTime? To = null);

public sealed record RunLogLine(long Sequence, DateTime At, string Level, string Message, string? CustomerId);

/// <summary>One change a run made (or, dry, would make) for one customer.</summary>
public sealed record RunOutcomeRow(long Sequence, string CustomerId, string Type, string Target, string? From, string? To, string? Because);

/// <summary>One message of <c>GET /api/runs/{id}/events</c>: <c>progress</c>, <c>log</c> or <c>status</c>, with its JSON.</summary>
public sealed record RunEvent(string Type, JsonElement Data);

/// <summary>A customer found by the search (personal data already masked by the server for roles that may not see it).</summary>
public sealed record CustomerHit(string Id, string? Name, Dictionary<string, string>? Segments, Dictionary<string, double>? Scores, long? PointsBalance);

/// <summary>One change in a customer's history: which rule, version and run made it, and why.</summary>
public sealed record HistoryItem(
    DateTime At, string Type, string Rule, string VersionHash, string RunId, string? Explanation,
    string? Kind, string? Name, string? From, string? To, long? Amount, string? Reason, string? Key, string? TaskType, string? Status, DateTime? Due)
{
    /// <summary>What changed, in words: "tier: silver → gold", "+120 points (order o-1)", "task call: open".</summary>
    public string What => Type switch
    {
        "segment" => $"{Kind}: {From ?? "(none)"} → {To ?? "(none)"}",
        "score" => $"{Name}: {From ?? "(none)"} → {To}",
        "points" => $"{(Amount >= 0 ? "+" : "")}{Amount} points ({Reason ?? Key})",
        "task" => $"task {TaskType ?? Key}: {Status}{(Due is { } due ? $", due {due:yyyy-MM-dd}" : "")}",
        _ => string.Join(" ", new[] { Kind ?? Name ?? Key, From, To }.Where(p => p is not null)),
    };
}

public sealed record PointsEntryRow(DateTime At, long Delta, string Type, string Reason, string Key, string Rule, string RunId, string? Explanation);

/// <summary><c>GET /api/customers/{id}/points</c>: the balance and a page of the ledger, oldest first.</summary>
public sealed record PointsLedger(long Balance, List<PointsEntryRow> Items, string? NextCursor);

public sealed record CustomerHistoryAnswer(string CustomerId, List<HistoryItem> Items);

public sealed record AuditRow(long Sequence, DateTime At, string Type, string Actor, string? Rule, string? Subject, string Summary, string Hash);

public sealed record AuditHeadView(long Sequence, string Hash, DateTime At);

public sealed record AuditProblemView(long Sequence, string Problem, string Detail, long? RewrittenFrom);

/// <summary>The answer of "Verify chain": how many entries were checked and the first that is not what was written.</summary>
public sealed record AuditCheck(bool Ok, long Entries, AuditHeadView? Head, AuditProblemView? FirstBadEntry, long AnchorsChecked);

public sealed record SegmentCount(string Kind, string Value, long Members);

public sealed record TrendPointView(DateOnly Start, DateOnly End, Dictionary<string, long> Members);

/// <summary>Members per value per bucket (<c>GET /api/segments/{kind}/trend</c>).</summary>
public sealed record SegmentTrendView(string Kind, List<string> Values, List<TrendPointView> Points);

public sealed record PointsFlowView(DateOnly Start, DateOnly End, long Earned, long Spent, long Expired);

public sealed record PointsTrendView(List<PointsFlowView> Points);

public sealed record FollowUpView(string Id, string CustomerId, DateTime Due, string Channel);
