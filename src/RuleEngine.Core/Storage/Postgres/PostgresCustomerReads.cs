using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.Postgres;

/// <summary>A customer's history: six reads by customer, merged by time as on every backend (<see cref="CustomerHistoryMerge"/>).</summary>
public sealed class PostgresCustomerHistory(PostgresDatabase database) : ICustomerHistory
{
    public IReadOnlyList<HistoryEntry> For(string customerId, DateTime? from, DateTime? to) => database.Read(c =>
    {
        List<T> Of<T>(string table) => c.Command($"SELECT body FROM {table} WHERE customer_id = $1", customerId).List(r => PostgresSql.FromBody<T>(r, 0));
        return CustomerHistoryMerge.Merge(new CustomerRecords(
            Of<SegmentMembership>("segments"), Of<ScoreHistoryEntry>("score_history"), Of<PointsEntry>("points"),
            Of<FollowUpTask>("followups"), Of<Coupon>("coupons"), Of<DrawChanceEntry>("draw_chances")), from, to);
    });
}

/// <summary>A customer's standing read in one repeatable-read transaction: its reads see one committed state.</summary>
public sealed class PostgresCustomerStandings(PostgresDatabase database) : ICustomerStandings
{
    public CustomerStanding? Find(string customerId, int openTasks) => database.Read(c =>
    {
        using var snapshot = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var customer = c.Command($"SELECT {PostgresRows.CustomerColumns} FROM customers WHERE id = $1", customerId).List(r => PostgresRows.ToCustomer(r)).FirstOrDefault();
        if (customer is null) return null;
        var segments = c.Command("SELECT kind, value FROM segments WHERE customer_id = $1 AND is_open", customerId)
            .List(r => (r.GetString(0), r.GetString(1))).ToDictionary(s => s.Item1, s => s.Item2, StringComparer.Ordinal);
        var scores = c.Command("SELECT body FROM scores WHERE customer_id = $1 ORDER BY name", customerId).List(r => PostgresSql.FromBody<Score>(r, 0));
        var tags = c.Command("SELECT body FROM tags WHERE customer_id = $1 ORDER BY tag", customerId).List(r => PostgresSql.FromBody<CustomerTag>(r, 0));
        var balance = c.Command("SELECT coalesce(sum(delta), 0)::bigint FROM points WHERE customer_id = $1", customerId).List(r => r.GetInt64(0))[0];
        var tasks = c.Command("SELECT body FROM followups WHERE customer_id = $1 AND status = 'Open' ORDER BY due_key LIMIT $2", customerId, openTasks)
            .List(r => PostgresSql.FromBody<FollowUpTask>(r, 0));
        return new CustomerStanding(customer, segments, scores, tags, balance, tasks);
    });
}

/// <summary>Trends (<see cref="TrendWalk"/>) from the kept counts: the kind's counts and its day rows after the range's first day.</summary>
public sealed class PostgresTrends(PostgresDatabase database) : ISegmentTrends, IPointsTrends
{
    public SegmentTrend? Trend(string kind, DateOnly from, DateOnly to, TrendBucket bucket) => database.Read(c =>
    {
        var current = c.Command("SELECT value, members FROM segment_counts WHERE kind = $1", kind)
            .List(r => (r.GetString(0), r.GetInt64(1))).ToDictionary(v => v.Item1, v => v.Item2, StringComparer.Ordinal);
        if (current.Count == 0) return null;
        var changes = c.Command("SELECT day, value, moves FROM segment_days WHERE kind = $1 AND day > $2", kind, from)
            .List(r => (Day: r.GetFieldValue<DateOnly>(0), Value: r.GetString(1), Moves: r.GetInt64(2)))
            .GroupBy(d => d.Day).Select(g => (g.Key, (IReadOnlyDictionary<string, long>)g.ToDictionary(d => d.Value, d => d.Moves, StringComparer.Ordinal)));
        return TrendWalk.Segments(kind, from, to, bucket, current, changes);
    });

    public PointsTrend Trend(DateOnly from, DateOnly to, TrendBucket bucket) => TrendWalk.Points(from, to, bucket, database.Read(c =>
        c.Command("SELECT day, earned, spent, expired FROM points_days WHERE day BETWEEN $1 AND $2", from, to)
            .List(r => (r.GetFieldValue<DateOnly>(0), new PointsDay(r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))))));
}
