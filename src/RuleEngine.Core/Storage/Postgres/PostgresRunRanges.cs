using Npgsql;
using RuleEngine.Cluster;
using RuleEngine.Runs;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Run ranges and node heartbeats in PostgreSQL. A claim is one statement: the first open range whose lease has passed
/// (or that never had one), locked with <c>FOR UPDATE SKIP LOCKED</c> so nodes claiming at once take different ranges;
/// every later write names the node and only lands while the range is still that node's (rows affected say so).
/// </summary>
public sealed class PostgresRunRanges(PostgresDatabase database) : IRunRanges
{
    const string Columns = "run_id, seq, from_id, to_id, customers, status, node, lease_until, attempts, checkpoint, processed, counts, error";

    public Task<IReadOnlyList<RunRange>> SplitAsync(string runId, int customersPerRange, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customersPerRange, 1);
        return database.WriteAsync<IReadOnlyList<RunRange>>(async (connection, transaction) =>
        {
            // Two nodes splitting one run (a recovered coordinator) wait for each other here, and the second finds the ranges.
            await using (var lockRun = connection.Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", "split:" + runId))
            {
                lockRun.Transaction = transaction;
                await lockRun.ExecuteNonQueryAsync(cancellationToken);
            }
            var existing = Read(connection, transaction, runId);
            if (existing.Count > 0) return existing;
            // Every range's last id, by row number over the ids in order: one index scan, whatever the base's size.
            await using (var split = connection.Command("""
                WITH bounds AS (
                    SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM customers)
                INSERT INTO run_ranges (run_id, seq, from_id, to_id, customers, status)
                SELECT $1, (n - 1) / $2,
                       lag(id) OVER (ORDER BY id),
                       CASE WHEN n = total THEN NULL ELSE id END,
                       CASE WHEN n = total THEN total - (n - 1) / $2 * $2 ELSE $2 END,
                       'pending'
                FROM bounds WHERE n % $2 = 0 OR n = total
                """, runId, (long)customersPerRange))
            {
                split.Transaction = transaction;
                await split.ExecuteNonQueryAsync(cancellationToken);
            }
            var ranges = Read(connection, transaction, runId);
            // An empty base still gets one (empty) range, so the run finishes the same way.
            if (ranges.Count == 0)
            {
                await using var empty = connection.Command("INSERT INTO run_ranges (run_id, seq, customers, status) VALUES ($1, 0, 0, 'pending')", runId);
                empty.Transaction = transaction;
                await empty.ExecuteNonQueryAsync(cancellationToken);
                ranges = Read(connection, transaction, runId);
            }
            return ranges;
        }, cancellationToken);
    }

    public IReadOnlyList<RunRange> OfRun(string runId) => database.Read(c => Read(c, null, runId));

    public async Task<RunRange?> ClaimAsync(string node, TimeSpan lease, CancellationToken cancellationToken)
    {
        var claimed = await database.WriteAsync(async (connection, transaction) =>
        {
            await using var claim = connection.Command($"""
                UPDATE run_ranges r SET status = 'running', node = $1, lease_until = now() + $2, attempts = r.attempts + 1
                FROM (SELECT run_id, seq FROM run_ranges
                      WHERE status = 'pending' OR (status = 'running' AND lease_until < now())
                      ORDER BY run_id, seq LIMIT 1 FOR UPDATE SKIP LOCKED) free
                WHERE r.run_id = free.run_id AND r.seq = free.seq
                RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "r." + c))}
                """, node, lease);
            claim.Transaction = transaction;
            return await claim.ListAsync(ToRange, cancellationToken);
        }, cancellationToken);
        return claimed.Count == 0 ? null : claimed[0];
    }

    public Task<bool> SaveProgressAsync(RunRange range, string node, TimeSpan lease, string? checkpoint, long processed, RunCounts counts, CancellationToken cancellationToken) =>
        UpdateHeldAsync(range, node, "lease_until = now() + $4, checkpoint = coalesce($5, checkpoint), processed = $6, counts = $7",
            [lease, checkpoint, processed, PostgresSql.Body(counts)], cancellationToken);

    public Task<bool> RenewAsync(RunRange range, string node, TimeSpan lease, CancellationToken cancellationToken) =>
        UpdateHeldAsync(range, node, "lease_until = now() + $4", [lease], cancellationToken);

    public Task<bool> FinishAsync(RunRange range, string node, RangeStatus status, long processed, RunCounts counts, string? error, CancellationToken cancellationToken) =>
        UpdateHeldAsync(range, node, "status = $4, lease_until = NULL, processed = $5, counts = $6, error = $7",
            [Name(status), processed, PostgresSql.Body(counts), error], cancellationToken);

    async Task<bool> UpdateHeldAsync(RunRange range, string node, string set, object?[] values, CancellationToken cancellationToken) =>
        await database.WriteAsync(async (connection, transaction) =>
        {
            await using var update = connection.Command(
                $"UPDATE run_ranges SET {set} WHERE run_id = $1 AND seq = $2 AND node = $3 AND status = 'running'",
                [range.RunId, range.Seq, node, .. values]);
            update.Transaction = transaction;
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task CancelAsync(string runId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var cancel = connection.Command(
                "UPDATE run_ranges SET status = 'cancelled', lease_until = NULL WHERE run_id = $1 AND status IN ('pending', 'running')", runId);
            cancel.Transaction = transaction;
            return await cancel.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public IReadOnlyList<string> RunsWithRanges(RunStatus status) => database.Read(c =>
        c.Command("SELECT DISTINCT r.run_id FROM run_ranges r JOIN runs ON runs.id = r.run_id WHERE runs.status = $1 ORDER BY 1", status.ToString())
            .List(r => r.GetString(0)));

    public Task HeartbeatAsync(ClusterNodeState node, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await using var beat = connection.Command("""
                INSERT INTO cluster_nodes (id, host, pid, started_at, last_seen) VALUES ($1, $2, $3, $4, now())
                ON CONFLICT (id) DO UPDATE SET last_seen = now()
                """, node.Id, node.Host, node.Pid, node.StartedAt);
            beat.Transaction = transaction;
            return await beat.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public IReadOnlyList<ClusterNodeState> Nodes(TimeSpan within) => database.Read(c =>
        c.Command("SELECT id, host, pid, started_at, last_seen FROM cluster_nodes WHERE last_seen >= now() - $1 ORDER BY started_at, id", within)
            .List(r => new ClusterNodeState(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetDateTime(3), r.GetDateTime(4))));

    public IReadOnlyList<RunRange> OpenRanges() => database.Read(c =>
        c.Command($"SELECT {Columns} FROM run_ranges WHERE status IN ('pending', 'running') ORDER BY run_id, seq").List(ToRange));

    static List<RunRange> Read(NpgsqlConnection connection, NpgsqlTransaction? transaction, string runId)
    {
        using var command = connection.Command($"SELECT {Columns} FROM run_ranges WHERE run_id = $1 ORDER BY seq", runId);
        command.Transaction = transaction;
        return command.List(ToRange);
    }

    static RunRange ToRange(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4),
        Enum.Parse<RangeStatus>(r.GetString(5), ignoreCase: true), r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetDateTime(7), r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetInt64(10),
        PostgresSql.FromBody<RunCounts>(r, 11), r.IsDBNull(12) ? null : r.GetString(12));

    static string Name(RangeStatus status) => status.ToString().ToLowerInvariant();
}
