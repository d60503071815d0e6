using Npgsql;
using RuleEngine.Benchmarks.Rules;
using RuleEngine.Demo;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Runs;
using RuleEngine.Storage.Postgres;

namespace RuleEngine.Benchmarks.Cluster;

/// <summary>
/// The hand-written Npgsql floors of the PostgreSQL run comparison: the same segmentation computed in plain C#, one
/// transaction per page of customers, no rule engine. Two of them:
/// <list type="bullet">
/// <item><b>minimal</b>: what any program must do to compute and store these segments: customer ids, four order
/// columns, the open stays' ids, new stays with a two-field body;</item>
/// <item><b>same reads and writes</b> (the floor): the rows the runner reads (whole customers and orders, as
/// objects) and writes (stays with the same JSON bodies, the closed stays' bodies, one run-outcome record per change,
/// the kept segment counts, the run's progress), with the statements' shapes a careful hand would choose.</item>
/// </list>
/// </summary>
static class PostgresRunFloor
{
    public static async Task<long> RunAsync(string connectionString, int pageSize, bool sameReadsAndWrites)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var now = DemoDataGenerator.Until;
        var runId = "floor-run";
        var origin = new OutcomeSource { Rule = "segmentation", RuleVersionHash = new string('f', 64), RunId = runId, At = now };
        string? after = null;
        long changes = 0, sequence = 0, processed = 0;
        Task writing = Task.CompletedTask;
        await using var connection = await source.OpenConnectionAsync();
        while (true)
        {
            var customers = await ListAsync(connection, sameReadsAndWrites
                    ? $"SELECT {PostgresRows.CustomerColumns} FROM customers WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2"
                    : "SELECT id FROM customers WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2",
                r => sameReadsAndWrites ? PostgresRows.ToCustomer(r).Id : r.GetString(0), (object?)after ?? DBNull.Value, pageSize);
            if (customers.Count == 0) break;
            var (first, last) = (customers[0], customers[^1]);
            var orders = (sameReadsAndWrites
                    ? await ListAsync(connection, $"SELECT {PostgresRows.OrderColumns} FROM orders WHERE customer_id BETWEEN $1 AND $2 ORDER BY customer_id, at, id",
                        PostgresRows.ToOrder, first, last)
                    : await ListAsync(connection, "SELECT customer_id, amount, at, status FROM orders WHERE customer_id BETWEEN $1 AND $2 ORDER BY customer_id, at",
                        r => new Order { Id = "", CustomerId = r.GetString(0), Amount = r.GetDecimal(1), At = r.GetFieldValue<DateTime>(2),
                            Status = r.GetString(3) == "Paid" ? OrderStatus.Paid : OrderStatus.Refunded }, first, last))
                .ToLookup(o => o.CustomerId, StringComparer.Ordinal);
            // The bounds as the runner gives them (Storage/Postgres/CustomerKeys): without them a first run scans the table per page.
            var open = (await ListAsync(connection, "SELECT id, customer_id, kind, value, body FROM segments WHERE customer_id = ANY($1) AND customer_id BETWEEN $2 AND $3 AND is_open",
                    r => (Id: r.GetString(0), Customer: r.GetString(1), Kind: r.GetString(2), Value: r.GetString(3), Body: r.GetString(4)), customers.ToArray(), first, last))
                .ToDictionary(s => (s.Customer, s.Kind));
            var (closed, opened, records) = (new List<(string Id, string Body)>(), new List<SegmentMembership>(), new List<RunOutcomeRecord>());
            var counts = new Dictionary<(string Kind, string Value), long>();
            foreach (var id in customers)
                foreach (var (kind, value, because) in Segment(orders[id].ToArray(), now))
                {
                    open.TryGetValue((id, kind), out var current);
                    if (current.Value == value) continue;
                    if (current.Id is not null)
                    {
                        var stay = System.Text.Json.JsonSerializer.Deserialize<SegmentMembership>(current.Body, PostgresSql.Json)!;
                        closed.Add((current.Id, PostgresSql.Body(stay with { LeftAt = now, LeftBy = origin }).Text));
                        counts[(kind, current.Value)] = counts.GetValueOrDefault((kind, current.Value)) - 1;
                    }
                    opened.Add(new SegmentMembership
                    {
                        Id = OutcomeKeys.For(origin.Rule, id, $"segment:{kind}:{value}:{runId}"), CustomerId = id, Kind = kind, Value = value,
                        EnteredAt = now, EnteredBy = origin, Explanation = because,
                    });
                    counts[(kind, value)] = counts.GetValueOrDefault((kind, value)) + 1;
                    records.Add(new RunOutcomeRecord(runId, ++sequence, id, "segment", kind, current.Value, value, because));
                }
            changes += opened.Count;
            processed += customers.Count;
            // As the runner does: this page is written on a connection of its own while the next one is read and computed.
            await writing;
            writing = WriteAsync(source, BatchFor(closed, opened, records, counts, processed));
            after = last;
        }
        await writing;
        return changes;

        List<NpgsqlBatchCommand> BatchFor(List<(string Id, string Body)> closed, List<SegmentMembership> opened, List<RunOutcomeRecord> records,
            Dictionary<(string Kind, string Value), long> counts, long processed)
        {
            var batch = new List<NpgsqlBatchCommand>();
            {
                if (sameReadsAndWrites)
                {
                    batch.Add(Command("UPDATE segments s SET is_open = false, body = u.body::jsonb FROM unnest($1::text[], $2::text[]) AS u(id, body) WHERE s.id = u.id",
                        closed.Select(c => c.Id).ToArray(), closed.Select(c => c.Body).ToArray()));
                    batch.Add(Command("""
                        INSERT INTO segments (id, customer_id, kind, value, is_open, body)
                        SELECT id, customer_id, kind, value, true, body::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, customer_id, kind, value, body)
                        """, opened.Select(o => o.Id).ToArray(), opened.Select(o => o.CustomerId).ToArray(), opened.Select(o => o.Kind).ToArray(),
                        opened.Select(o => o.Value).ToArray(), opened.Select(o => PostgresSql.Body(o).Text).ToArray()));
                    batch.Add(Command("INSERT INTO run_outcomes (run_id, sequence, body) SELECT * FROM unnest($1::text[], $2::bigint[], $3::jsonb[])",
                        records.Select(r => r.RunId).ToArray(), records.Select(r => r.Sequence).ToArray(), records.Select(r => PostgresSql.Body(r).Text).ToArray()));
                    batch.Add(Command("""
                        INSERT INTO segment_counts (kind, value, members) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
                        ON CONFLICT (kind, value) DO UPDATE SET members = segment_counts.members + EXCLUDED.members
                        """, counts.Keys.Select(k => k.Kind).ToArray(), counts.Keys.Select(k => k.Value).ToArray(), counts.Values.ToArray()));
                    batch.Add(Command("""
                        INSERT INTO runs (id, rule, status, trigger, created_at, sort_key, body)
                        VALUES ($1, 'segmentation', 'Running', 'Manual', now(), $1, jsonb_build_object('progress', jsonb_build_object('processed', $2::bigint)))
                        ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body
                        """, runId, processed));
                }
                else
                {
                    batch.Add(Command("UPDATE segments SET is_open = false WHERE id = ANY($1)", closed.Select(c => c.Id).ToArray()));
                    batch.Add(Command("""
                        INSERT INTO segments (id, customer_id, kind, value, is_open, body)
                        SELECT id, customer_id, kind, value, true, jsonb_build_object('enteredAt', $5::timestamptz, 'explanation', 'floor')
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS s(id, customer_id, kind, value)
                        """, opened.Select(o => o.Id).ToArray(), opened.Select(o => o.CustomerId).ToArray(), opened.Select(o => o.Kind).ToArray(),
                        opened.Select(o => o.Value).ToArray(), now));
                }
            }
            return batch;
        }
    }

    static async Task WriteAsync(NpgsqlDataSource source, List<NpgsqlBatchCommand> commands)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands) batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        if (values.GetType() != typeof(object[])) values = [values]; // a string[] alone arrives as the params array itself
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(PostgresSql.Parameter(value));
        return command;
    }

    static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<T>();
        while (await reader.ReadAsync()) items.Add(map(reader));
        return items;
    }

    /// <summary>The benchmark rule's logic in plain C# (Rules/SegmentationLogic.cs), with its explanations.</summary>
    static (string Kind, string Value, string Because)[] Segment(Order[] orders, DateTime now)
    {
        var (grade, tier, stage) = SegmentationLogic.Segments(orders, now);
        return [("grade", grade, "spend in 365 d"), ("tier", tier, "spend in 365 d"), ("lifecycle", stage, "recency and frequency")];
    }
}
