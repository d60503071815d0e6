using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Postgres;

public sealed class PostgresSegmentStore(PostgresDatabase database) : ISegmentStore
{
    public IReadOnlyDictionary<string, string> CurrentFor(string customerId) => database.Read(c =>
        c.Command("SELECT kind, value FROM segments WHERE customer_id = $1 AND is_open", customerId).List(r => (r.GetString(0), r.GetString(1))))
        .ToDictionary(s => s.Item1, s => s.Item2, StringComparer.Ordinal);

    public IReadOnlyList<SegmentMembership> HistoryFor(string customerId) =>
        Stays("customer_id = $1", customerId).OrderBy(m => m.EnteredAt).ThenBy(m => m.LeftAt ?? DateTime.MaxValue).ToList();

    public IReadOnlyList<SegmentMembership> HistoryFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : Stays(CustomerKeys.Filter(customerIds));

    /// <summary>From the counts kept with every segment change (Storage/Outcomes/OutcomeTallies): one row per value.</summary>
    public IReadOnlyList<SegmentSummary> Summaries() => database.Read(c =>
        c.Command("SELECT kind, value, members FROM segment_counts WHERE members > 0 ORDER BY kind, value")
            .List(r => new SegmentSummary(r.GetString(0), r.GetString(1), r.GetInt64(2))));

    /// <summary>A range of the open-stays index from the cursor (the last customer shown).</summary>
    public Page<SegmentMember> Members(string kind, string value, PageRequest page)
    {
        var after = PageCursor.Decode(page.Cursor) ?? "";
        var members = database.Read(c => c.Command(
                "SELECT body FROM segments WHERE kind = $1 AND value = $2 AND is_open AND customer_id > $3 ORDER BY customer_id LIMIT $4",
                kind, value, after, page.SafeLimit + 1)
            .List(r => PostgresSql.FromBody<SegmentMembership>(r, 0)))
            .Select(m => new SegmentMember(m.CustomerId, m.EnteredAt, m.Explanation)).ToList();
        return PageCursor.ToPage(members, page.SafeLimit, m => m.CustomerId);
    }

    List<SegmentMembership> Stays(string filter, object value) => Stays((filter, [value]));

    List<SegmentMembership> Stays((string Filter, object?[] Values) where) => database.Read(c =>
        c.Command($"SELECT body FROM segments WHERE {where.Filter}", where.Values).List(r => PostgresSql.FromBody<SegmentMembership>(r, 0)));
}

public sealed class PostgresScoreStore(PostgresDatabase database) : IScoreStore
{
    public IReadOnlyList<Score> ScoresFor(string customerId) => Bodies<Score>("scores", "customer_id = $1 ORDER BY name", customerId);

    public IReadOnlyList<CustomerTag> TagsFor(string customerId) => Bodies<CustomerTag>("tags", "customer_id = $1 ORDER BY tag", customerId);

    public IReadOnlyList<Score> ScoresFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : Bodies<Score>("scores", CustomerKeys.Filter(customerIds));

    public IReadOnlyList<CustomerTag> TagsFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : Bodies<CustomerTag>("tags", CustomerKeys.Filter(customerIds));

    List<T> Bodies<T>(string table, string filter, object value) => Bodies<T>(table, (filter, [value]));

    List<T> Bodies<T>(string table, (string Filter, object?[] Values) where) => database.Read(c =>
        c.Command($"SELECT body FROM {table} WHERE {where.Filter}", where.Values).List(r => PostgresSql.FromBody<T>(r, 0)));
}

public sealed class PostgresPointsLedger(PostgresDatabase database) : IPointsLedger
{
    public IReadOnlyList<PointsEntry> EntriesFor(string customerId) =>
        Entries("customer_id = $1", customerId).OrderBy(p => p.Source.At).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<PointsEntry> EntriesFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : Entries(CustomerKeys.Filter(customerIds));

    public long BalanceOf(string customerId) => database.Read(c =>
        c.Command("SELECT coalesce(sum(delta), 0)::bigint FROM points WHERE customer_id = $1", customerId).List(r => r.GetInt64(0))[0]);

    List<PointsEntry> Entries(string filter, object value) => Entries((filter, [value]));

    List<PointsEntry> Entries((string Filter, object?[] Values) where) => database.Read(c =>
        c.Command($"SELECT body FROM points WHERE {where.Filter}", where.Values).List(r => PostgresSql.FromBody<PointsEntry>(r, 0)));
}

public sealed class PostgresFollowUpStore(PostgresDatabase database) : IFollowUpStore
{
    public FollowUpTask? Find(string id) => database.Read(c =>
        c.Command("SELECT body FROM followups WHERE id = $1", id).List(r => PostgresSql.FromBody<FollowUpTask>(r, 0))).FirstOrDefault();

    public Page<FollowUpTask> List(FollowUpQuery query, PageRequest page)
    {
        var filter = new SqlFilter();
        if (PageCursor.Decode(page.Cursor) is { } after) filter.Add("due_key >", after);
        if (query.Status is { } status) filter.Add("status =", status.ToString());
        if (query.DueBefore is { } dueBefore) filter.Add("due <", dueBefore);
        if (query.CustomerId is { } customerId) filter.Add("customer_id =", customerId);
        var sql = $"SELECT body FROM followups {filter.Where} ORDER BY due_key LIMIT {filter.Parameter(page.SafeLimit + 1)}";
        var tasks = database.Read(c => c.Command(sql, [.. filter.Values]).List(r => PostgresSql.FromBody<FollowUpTask>(r, 0)));
        return PageCursor.ToPage(tasks, page.SafeLimit, t => SortKeys.Due(t.Due, t.Id));
    }

    public IReadOnlyList<FollowUpTask> ForCustomers(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : database.Read(c =>
        {
            var (filter, values) = CustomerKeys.Filter(customerIds);
            return c.Command($"SELECT body FROM followups WHERE {filter} ORDER BY due_key", values).List(r => PostgresSql.FromBody<FollowUpTask>(r, 0));
        });

    public Task<FollowUpTask?> UpdateStatusAsync(string id, FollowUpStatus status, string? outcome, CancellationToken cancellationToken = default)
    {
        var now = DateTime.UtcNow;
        return database.WriteAsync(async (c, _) =>
        {
            var task = (await c.Command("SELECT body FROM followups WHERE id = $1 FOR UPDATE", id)
                .ListAsync(r => PostgresSql.FromBody<FollowUpTask>(r, 0), cancellationToken)).FirstOrDefault();
            if (task is null) return null;
            var updated = task with
            {
                Status = status, Outcome = outcome ?? task.Outcome, CompletedAt = status == FollowUpStatus.Open ? null : task.CompletedAt ?? now,
            };
            await using var update = c.Command("UPDATE followups SET status = $2, body = $3 WHERE id = $1", id, status.ToString(), PostgresSql.Body(updated));
            await update.ExecuteNonQueryAsync(cancellationToken);
            return (FollowUpTask?)updated;
        }, cancellationToken);
    }
}
