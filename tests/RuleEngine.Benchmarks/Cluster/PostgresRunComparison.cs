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

    /// <param name="serverSettings">PostgreSQL settings beyond the test server's small defaults (name=value).</param>
    public static async Task<int> RunAsync(int customers, int[] nodeCounts, string[] serverSettings)
    {
        using var server = TemporaryPostgres.Start([.. ServerTime.Settings, .. serverSettings]);
        if (serverSettings.Length > 0) Console.WriteLine($"PostgreSQL settings: {string.Join(", ", serverSettings)}");
        var seed = await PostgresSeed.CreateAsync(server, customers);
        var rows = new List<string>();
        var spent = new ServerTime(server);

        // Each path on its own copy, measured with where its CPU went, and dropped before the next one starts.
        async Task<TimeSpan> Measure(string database, string path, Func<string, Task<TimeSpan>> work)
        {
            var connectionString = seed.Copy(database);
            spent.Begin();
            var time = await work(connectionString);
            spent.Report(path);
            seed.Drop(database);
            rows.Add(Row(path, time, seed));
            return time;
        }

        var minimal = await Measure("minimal", "hand-written Npgsql, minimal reads and writes", db => Time(() => FloorAsync(db, sameReadsAndWrites: false)));
        var floor = await Measure("floor", "hand-written Npgsql floor, the runner's reads and writes", db => Time(() => FloorAsync(db, sameReadsAndWrites: true)));
        var version = RunComparison.CompileRule();
        var engine = await Measure("engine", "RuleEngine runner, in process", db => Time(() => EngineAsync(db, version)));
        var results = new List<(int Nodes, TimeSpan Time)>();
        foreach (var nodes in nodeCounts)
        {
            double[] cpu = [];
            var time = await Measure($"cluster{nodes}", $"RuleEngine servers × {nodes}", async db =>
            {
                (var elapsed, cpu) = await ClusterAsync(db, nodes, customers);
                return elapsed;
            });
            Console.WriteLine($"CPU s per node: {string.Join(", ", cpu.Select(c => c.ToString("N1")))}");
            results.Add((nodes, time));
        }

        Console.WriteLine();
        Console.WriteLine($"| path | customers | seconds | customers/s | load average (1 min) |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"\nminimal / floor: {minimal.TotalSeconds / floor.TotalSeconds:N2}");
        Console.WriteLine($"RuleEngine in process / floor: {engine.TotalSeconds / floor.TotalSeconds:N2}");
        foreach (var (nodes, time) in results) Console.WriteLine($"{nodes} server(s) / floor: {time.TotalSeconds / floor.TotalSeconds:N2}");
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

    static async Task FloorAsync(string connectionString, bool sameReadsAndWrites) =>
        Console.WriteLine($"floor: {await PostgresRunFloor.RunAsync(connectionString, PageSize, sameReadsAndWrites):N0} segment changes");

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
