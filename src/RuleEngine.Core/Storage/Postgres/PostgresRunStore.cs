using RuleEngine.Runs;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Runs as rows keyed by run id: the columns lists filter on, plus the whole run as JSON. Log lines and outcome records
/// are keyed (run, sequence), so a run's lines are one range of the primary key. Every stored state is published to the
/// run's watchers, as on LiteDB. Single runs are
/// read from the table, not from a cache: in a cluster a run's record changes on whichever node works it.
/// </summary>
public sealed class PostgresRunStore(PostgresDatabase database, RunWatch? watch = null) : IRunStore
{
    const string Columns = "id, rule, status, trigger, triggered_by, created_at, scheduled_for, sort_key, body";

    /// <summary>
    /// Saves the run unless the stored state is newer. LiteDB's one writer keeps a run's saves in order; here they are
    /// transactions of their own that may commit out of order (a page's progress behind the final status), so a later
    /// state never gives way to an earlier one: a finished run stays finished, and progress never goes back.
    /// </summary>
    public async Task SaveAsync(Run run, CancellationToken cancellationToken = default)
    {
        var saved = await database.WriteAsync(async (c, _) =>
        {
            await using var upsert = c.Command($"""
                INSERT INTO runs ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (id) DO UPDATE SET rule = $2, status = $3, trigger = $4, triggered_by = $5, created_at = $6,
                    scheduled_for = $7, sort_key = $8, body = $9
                WHERE $10 OR (runs.status NOT IN ({Finished}) AND coalesce((runs.body->'progress'->>'processed')::bigint, 0) <= $11)
                """, [.. Values(run), run.IsFinished, run.Progress.Processed]);
            return await upsert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        if (saved) watch?.Publish(run);
    }

    static readonly string Finished = string.Join(", ",
        new[] { RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled, RunStatus.Interrupted }.Select(s => $"'{s}'"));

    public async Task<bool> TryCreateAsync(Run run, CancellationToken cancellationToken = default)
    {
        var created = await database.WriteAsync(async (c, _) =>
        {
            await using var insert = c.Command($"INSERT INTO runs ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING", Values(run));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        if (created)
        {
            watch?.Publish(run);
        }
        return created;
    }

    public Run? Find(string id) => database.Read(c => c.Command("SELECT body FROM runs WHERE id = $1", id).List(r => PostgresSql.FromBody<Run>(r, 0))).FirstOrDefault();

    public Page<Run> List(RunQuery query, PageRequest page)
    {
        var filter = new SqlFilter();
        if (query.Rule is not null) filter.Add("rule =", query.Rule);
        if (query.Status is { } status) filter.Add("status =", status.ToString());
        if (query.Trigger is { } trigger) filter.Add("trigger =", trigger.ToString());
        if (query.Actor is not null) filter.Add("triggered_by =", query.Actor);
        if (query.From is { } from) filter.Add("created_at >=", from);
        if (query.To is { } to) filter.Add("created_at <", to);
        if (PageCursor.Decode(page.Cursor) is { } after) filter.Add("sort_key <", after);
        var sql = $"SELECT body FROM runs {filter.Where} ORDER BY sort_key DESC LIMIT {filter.Parameter(page.SafeLimit + 1)}";
        var items = database.Read(c => c.Command(sql, [.. filter.Values]).List(r => PostgresSql.FromBody<Run>(r, 0)));
        return PageCursor.ToPage(items, page.SafeLimit, SortKeys.Run);
    }

    public IReadOnlyList<Run> WithStatus(params RunStatus[] statuses) => database.Read(c =>
        c.Command("SELECT body FROM runs WHERE status = ANY($1) ORDER BY created_at", statuses.Select(s => s.ToString()).ToArray())
            .List(r => PostgresSql.FromBody<Run>(r, 0)));

    public Run? LastScheduled(string rule) => database.Read(c =>
        c.Command("SELECT body FROM runs WHERE rule = $1 AND scheduled_for IS NOT NULL ORDER BY scheduled_for DESC LIMIT 1", rule)
            .List(r => PostgresSql.FromBody<Run>(r, 0))).FirstOrDefault();

    public Run? Last(string rule) => database.Read(c =>
        c.Command("SELECT body FROM runs WHERE rule = $1 ORDER BY sort_key DESC LIMIT 1", rule).List(r => PostgresSql.FromBody<Run>(r, 0))).FirstOrDefault();

    public Task AppendLogAsync(IReadOnlyList<RunLogLine> lines, CancellationToken cancellationToken = default) =>
        Append("run_logs", lines, l => (l.RunId, l.Sequence), cancellationToken);

    public Page<RunLogLine> Logs(string runId, PageRequest page) => Range<RunLogLine>("run_logs", runId, page, l => l.Sequence);

    public Task AppendOutcomesAsync(IReadOnlyList<RunOutcomeRecord> outcomes, CancellationToken cancellationToken = default) =>
        Append("run_outcomes", outcomes, o => (o.RunId, o.Sequence), cancellationToken);

    public Page<RunOutcomeRecord> Outcomes(string runId, PageRequest page) => Range<RunOutcomeRecord>("run_outcomes", runId, page, o => o.Sequence);

    Task Append<T>(string table, IReadOnlyList<T> records, Func<T, (string RunId, long Sequence)> keyOf, CancellationToken ct)
    {
        if (records.Count == 0) return Task.CompletedTask;
        return database.WriteAsync(async (c, _) =>
        {
            await using var insert = c.Command($"""
                INSERT INTO {table} (run_id, sequence, body) SELECT * FROM unnest($1::text[], $2::bigint[], $3::jsonb[])
                ON CONFLICT (run_id, sequence) DO UPDATE SET body = EXCLUDED.body
                """, records.Select(r => keyOf(r).RunId).ToArray(), records.Select(r => keyOf(r).Sequence).ToArray(),
                records.Select(r => PostgresSql.Body(r).Text).ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }, ct);
    }

    /// <summary>One run's records in sequence order from the cursor (the last sequence shown).</summary>
    Page<T> Range<T>(string table, string runId, PageRequest page, Func<T, long> sequenceOf)
    {
        var after = PageCursor.Decode(page.Cursor) is { } cursor && long.TryParse(cursor, out var sequence) ? sequence : -1;
        var items = database.Read(c => c.Command($"SELECT body FROM {table} WHERE run_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3",
            runId, after, page.SafeLimit + 1).List(r => PostgresSql.FromBody<T>(r, 0)));
        return PageCursor.ToPage(items, page.SafeLimit, i => sequenceOf(i).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    static object?[] Values(Run run) =>
        [run.Id, run.Rule, run.Status.ToString(), run.Trigger.ToString(), run.TriggeredBy, run.CreatedAt, run.ScheduledFor, SortKeys.Run(run), PostgresSql.Body(run)];
}
