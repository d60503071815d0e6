using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using RuleEngine.Benchmarks.Rules;
using RuleEngine.Benchmarks.Runs;
using RuleEngine.Demo;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.Postgres;
using RuleEngine.Testing;

namespace RuleEngine.Benchmarks.Cluster;

/// <summary>
/// A full segmentation run over N demo customers on PostgreSQL, each path on its own copy of one seeded database, one
/// after the other in one process: a hand-written Npgsql floor (the same reads and writes: customer pages, their orders
/// by range, their open segments, the changed stays written in one transaction per page), the real runner in this
/// process, and the real server as 1, 2 and 3 processes on the database (a cluster: the run split into ranges every
/// node claims), with each node's CPU time. The ratios are the figures that count.
/// </summary>
public static class PostgresRunComparison
{
    const int PageSize = 500;

    public static async Task<int> RunAsync(int customers, int[] nodeCounts)
    {
        using var server = TemporaryPostgres.Start();
        var seed = await PostgresSeed.CreateAsync(server, customers);
        var rows = new List<string>();

        var floor = Time(() => FloorAsync(seed.Copy("floor")));
        rows.Add(Row("hand-written Npgsql floor", await floor, seed));
        var version = RunComparison.CompileRule();
        var engine = Time(() => EngineAsync(seed.Copy("engine"), version));
        rows.Add(Row("RuleEngine runner, in process", await engine, seed));
        var results = new List<(int Nodes, TimeSpan Time)>();
        foreach (var nodes in nodeCounts)
        {
            var (time, cpu) = await ClusterAsync(seed.Copy($"cluster{nodes}"), nodes, customers);
            results.Add((nodes, time));
            rows.Add(Row($"RuleEngine servers × {nodes} (CPU s per node: {string.Join(", ", cpu.Select(c => c.ToString("N1")))})", time, seed));
        }

        Console.WriteLine();
        Console.WriteLine($"| path | customers | seconds | customers/s | load average (1 min) |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"\nRuleEngine in process / floor: {(await engine).TotalSeconds / (await floor).TotalSeconds:N2}");
        foreach (var (nodes, time) in results) Console.WriteLine($"{nodes} server(s) / floor: {time.TotalSeconds / (await floor).TotalSeconds:N2}");
        return 0;
    }

    static async Task<TimeSpan> Time(Func<Task> work)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed;
    }

    static string Row(string path, TimeSpan time, PostgresSeed seed) =>
        $"| {path} | {seed.Customers:N0} | {time.TotalSeconds:N1} | {seed.Customers / time.TotalSeconds:N0} | {RunComparison.LoadAverage()} |";

    /// <summary>What any program must do to compute and store these segments in PostgreSQL, with the same statements' shape.</summary>
    static async Task FloorAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var now = DemoDataGenerator.Until;
        string? after = null;
        long changes = 0;
        while (true)
        {
            await using var connection = await source.OpenConnectionAsync();
            var page = new List<string>();
            await using (var read = new NpgsqlCommand("SELECT id FROM customers WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2", connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
                read.Parameters.Add(new NpgsqlParameter { Value = PageSize });
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync()) page.Add(reader.GetString(0));
            }
            if (page.Count == 0) break;
            var orders = new Dictionary<string, List<(decimal Amount, DateTime At, bool Paid)>>();
            await using (var read = new NpgsqlCommand("SELECT customer_id, amount, at, status FROM orders WHERE customer_id BETWEEN $1 AND $2 ORDER BY customer_id, at", connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = page[0] });
                read.Parameters.Add(new NpgsqlParameter { Value = page[^1] });
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (!orders.TryGetValue(reader.GetString(0), out var list)) orders[reader.GetString(0)] = list = [];
                    list.Add((reader.GetDecimal(1), reader.GetFieldValue<DateTime>(2), reader.GetString(3) == "Paid"));
                }
            }
            var open = new Dictionary<(string, string), (string Id, string Value)>();
            await using (var read = new NpgsqlCommand("SELECT id, customer_id, kind, value FROM segments WHERE customer_id = ANY($1) AND is_open", connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = page.ToArray() });
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync()) open[(reader.GetString(1), reader.GetString(2))] = (reader.GetString(0), reader.GetString(3));
            }
            var (close, insert) = (new List<string>(), new List<(string Id, string Customer, string Kind, string Value)>());
            foreach (var id in page)
                foreach (var (kind, value) in Segment(orders.GetValueOrDefault(id) ?? [], now))
                {
                    if (open.TryGetValue((id, kind), out var current) && current.Value == value) continue;
                    if (current.Id is not null) close.Add(current.Id);
                    insert.Add(($"{id}|{kind}|{value}|floor", id, kind, value));
                }
            changes += insert.Count;
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE segments SET is_open = false WHERE id = ANY($1)") { Parameters = { new NpgsqlParameter { Value = close.ToArray() } } });
                batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                    INSERT INTO segments (id, customer_id, kind, value, is_open, body)
                    SELECT id, customer_id, kind, value, true, jsonb_build_object('enteredAt', $5::timestamptz, 'explanation', 'floor')
                    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS s(id, customer_id, kind, value)
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = insert.Select(i => i.Id).ToArray() }, new NpgsqlParameter { Value = insert.Select(i => i.Customer).ToArray() },
                        new NpgsqlParameter { Value = insert.Select(i => i.Kind).ToArray() }, new NpgsqlParameter { Value = insert.Select(i => i.Value).ToArray() },
                        new NpgsqlParameter { Value = now },
                    },
                });
                await batch.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
            after = page[^1];
        }
        Console.WriteLine($"floor: {changes:N0} segment changes");
    }

    static (string Kind, string Value)[] Segment(List<(decimal Amount, DateTime At, bool Paid)> orders, DateTime now)
    {
        var since = now.AddDays(-365);
        decimal spend = 0;
        var count = 0;
        DateTime? last = null;
        foreach (var (amount, at, paid) in orders)
        {
            if (!paid || at > now) continue;
            last = at;
            if (at <= since) continue;
            spend += amount;
            count++;
        }
        var grade = spend >= 8000m ? "A" : spend >= 2000m ? "B" : "C";
        var tier = spend >= 50000m ? "diamond" : spend >= 20000m ? "platinum" : spend >= 8000m ? "gold" : spend >= 2000m ? "silver" : "ordinary";
        int? days = last is { } l ? (int)(now - l).TotalDays : null;
        var stage = days is null ? "prospect" : days > 365 ? "lapsed" : days > 180 ? "at-risk" : count >= 6 ? "loyal" : count >= 2 ? "repeat" : "first-time";
        return [("grade", grade), ("tier", tier), ("lifecycle", stage)];
    }

    /// <summary>The real runner in this process over PostgreSQL (rules evaluated in process, as in the LiteDB comparison).</summary>
    static async Task EngineAsync(string connectionString, ActiveVersion version)
    {
        await using var database = new PostgresDatabase(connectionString);
        var runner = new RuleRunner(new PostgresCustomerStream(database), new PostgresCustomerStore(database), new PostgresOutcomeWriter(database),
            new PostgresRunStore(database),
            new CustomerStateReader(new PostgresSegmentStore(database), new PostgresScoreStore(database), new PostgresPointsLedger(database), new PostgresFollowUpStore(database)),
            Options.Create(new RunOptions { PageSize = PageSize }), TimeProvider.System, NullLogger<RuleRunner>.Instance);
        var run = await runner.ExecuteAsync(RunComparison.NewRun(), version, CancellationToken.None);
        Console.WriteLine($"RuleEngine run: {run.Status}, {run.Counts.Evaluated:N0} evaluated, {run.Counts.SegmentChanges:N0} segment changes");
    }

    /// <summary>The real server as <paramref name="nodes"/> processes on the database; the run split into about 4 ranges per node.</summary>
    internal static async Task<(TimeSpan Time, double[] CpuSeconds)> ClusterAsync(string connectionString, int nodes, int customers)
    {
        using var cluster = await BenchCluster.StartAsync(connectionString, nodes, Math.Max(1_000, customers / (nodes * 4)));
        var cpuBefore = cluster.CpuSeconds();
        var watch = Stopwatch.StartNew();
        var run = await cluster.RunAsync(TimeSpan.FromHours(1));
        watch.Stop();
        var cpu = cluster.CpuSeconds().Zip(cpuBefore, (after, before) => after - before).ToArray();
        Console.WriteLine($"{nodes} node(s): {run.GetProperty("status")} {run.GetProperty("counts")}");
        return (watch.Elapsed, cpu);
    }
}
