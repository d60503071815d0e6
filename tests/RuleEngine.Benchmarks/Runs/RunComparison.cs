using System.Diagnostics;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RuleEngine.Benchmarks.Rules;
using RuleEngine.Demo;
using RuleEngine.Domain;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Benchmarks.Runs;

/// <summary>
/// A full segmentation run over N demo customers on LiteDB, end to end through the real runner, next to the raw
/// LiteDB floor: the same pages of customers and their orders read with plain LiteDB calls, the same logic in plain
/// C#, the same changed segment memberships written with plain LiteDB calls in one transaction per page. Both start
/// from copies of one seeded file, in the same process, one after the other. The ratio is the figure that counts;
/// peak memory is sampled per path to show it stays bounded.
/// </summary>
public static class RunComparison
{
    const int PageSize = 500;

    /// <summary>Seeds (or finds already seeded) the input of a run of <paramref name="customers"/> in <paramref name="folder"/>.</summary>
    public static int Seed(int customers, string folder)
    {
        Report(folder, customers, SeededFile.Ensure(folder, customers));
        return 0;
    }

    static void Report(string folder, int customers, (SeedContents Contents, bool Reused) seeded)
    {
        var (seed, reused) = seeded;
        Console.WriteLine(reused
            ? $"Reusing {folder}: {customers:N0} customers, {seed.Orders:N0} orders, {seed.Events:N0} events"
            : $"Seeded {customers:N0} customers, {seed.Orders:N0} orders and {seed.Events:N0} events in {seed.Seconds:N0} s " +
              $"({(customers + seed.Orders + seed.Events) / seed.Seconds:N0} documents/s, peak RSS {seed.PeakResidentBytes / 1e6:N0} MB, " +
              $"peak managed heap {seed.PeakManagedBytes / 1e6:N0} MB, load average {LoadAverage()})");
    }

    /// <param name="seedFolder">Where the seeded input is kept for the next run of the same size; null: a temporary one.</param>
    public static async Task<int> RunAsync(int customers, string? seedFolder)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var seedAt = seedFolder ?? Path.Combine(work, "seed");
            Report(seedAt, customers, SeededFile.Ensure(seedAt, customers));

            var raw = await Measure("raw LiteDB floor", seedAt, Path.Combine(work, "raw"), folder => { RawFloor(folder); return Task.CompletedTask; });
            // Compiled before the clock starts, as the server compiles a rule when it loads it, not per run.
            var version = CompileRule();
            var engine = await Measure("RuleEngine run", seedAt, Path.Combine(work, "engine"), folder => EngineRun(folder, version));

            Console.WriteLine();
            Console.WriteLine("| path | customers | seconds | customers/s | peak RSS | peak managed heap | managed heap after | written to disk | load average (1 min) before, after |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var m in new[] { raw, engine })
                Console.WriteLine($"| {m.Path} | {customers:N0} | {m.Time.TotalSeconds:N1} | {customers / m.Time.TotalSeconds:N0} | {m.PeakResident / 1e6:N0} MB | " +
                    $"{m.PeakManaged / 1e6:N0} MB | {m.ManagedAfter / 1e6:N0} MB | {m.Written / 1e6:N0} MB | {m.LoadBefore}, {m.LoadAfter} |");
            Console.WriteLine($"\nRuleEngine / raw time ratio: {engine.Time.TotalSeconds / raw.Time.TotalSeconds:N2}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    internal sealed record Measurement(string Path, TimeSpan Time, long PeakResident, long PeakManaged, long ManagedAfter, long Written, string LoadBefore, string LoadAfter);

    /// <summary>
    /// Runs one path on its own fresh copy of the seeded file, made and fsynced just before, so that neither path pays
    /// for the other's copy being written back meanwhile and both start from the same cache state.
    /// </summary>
    internal static async Task<Measurement> Measure(string path, string seed, string folder, Func<string, Task> work)
    {
        Copy(seed, folder);
        GC.Collect();
        var loadBefore = LoadAverage();
        var writtenBefore = BytesWritten();
        using var peaks = MemoryPeaks.Start();
        var watch = Stopwatch.StartNew();
        await work(folder);
        watch.Stop();
        var measurement = new Measurement(path, watch.Elapsed, peaks.Resident, peaks.Managed, GC.GetTotalMemory(forceFullCollection: false),
            BytesWritten() - writtenBefore, loadBefore, LoadAverage());
        Directory.Delete(folder, recursive: true);
        return measurement;
    }

    /// <summary>Bytes this process caused to be written to disk (Linux): LiteDB's cost is mostly the pages it writes.</summary>
    static long BytesWritten() => File.Exists("/proc/self/io")
        ? File.ReadLines("/proc/self/io").Where(l => l.StartsWith("write_bytes:")).Select(l => long.Parse(l[12..])).FirstOrDefault()
        : 0;

    /// <summary>The machine is shared: the 1-minute load average says how much else ran meanwhile.</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    internal static ActiveVersion CompileRule(string script = SegmentationLogic.Script)
    {
        var compilation = new RuleCompiler().Compile(RuleSources.FromText("segmentation.csx", script));
        if (!compilation.Succeeded) throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics));
        return new ActiveVersion(compilation.Header!, compilation.Sources,
            LoadedRule.Load("segmentation", compilation.Sources.Hash, compilation.Assembly!), DemoDataGenerator.Until);
    }

    static Task EngineRun(string folder, ActiveVersion version) => EngineRunAsync(folder, version, new RunOptions { PageSize = PageSize });

    /// <summary>The real runner over the file in <paramref name="folder"/> (in worker processes when <paramref name="workers"/> is given).</summary>
    internal static async Task<Run> EngineRunAsync(
        string folder, ActiveVersion version, RunOptions options, RuleEngine.Runs.Isolation.RuleWorkerPool? workers = null)
    {
        var database = LiteDbFile.Open(folder);
        var writer = new LiteDbWriter(database);
        try
        {
            var runner = Runner(database, writer, options, workers);
            var result = await runner.ExecuteAsync(NewRun(), version, CancellationToken.None);
            Console.WriteLine($"RuleEngine run: {result.Status}, {result.Counts.Evaluated:N0} evaluated, {result.Counts.SegmentChanges:N0} segment changes");
            return result;
        }
        finally
        {
            await writer.DisposeAsync();
            database.Dispose();
        }
    }

    internal static RuleRunner Runner(LiteDatabase database, LiteDbWriter writer, RunOptions options, RuleEngine.Runs.Isolation.RuleWorkerPool? workers) =>
        new(new LiteDbCustomerStream(database), new LiteDbCustomerStore(database, writer), new LiteDbOutcomeWriter(database, writer), new LiteDbRunStore(database, writer),
            new CustomerStateReader(new LiteDbSegmentStore(database), new LiteDbScoreStore(database), new LiteDbPointsLedger(database), new LiteDbFollowUpStore(database, writer)),
            Options.Create(options), TimeProvider.System, NullLogger<RuleRunner>.Instance, workers: workers);

    internal static Run NewRun(bool dryRun = false, IReadOnlyList<string>? customerIds = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Rule = "segmentation", Trigger = RunTrigger.Manual, TriggeredBy = "benchmark",
        AsOf = DemoDataGenerator.Until, Status = RunStatus.Pending, CreatedAt = DateTime.UtcNow, DryRun = dryRun, CustomerIds = customerIds,
    };

    /// <summary>
    /// The floor: what any program must do to compute and store these segments with LiteDB. Values go in as
    /// parameters, as a careful program would pass them: LiteDB compiles and keeps every distinct query text, so
    /// Query.EQ("CustomerId", id) per customer costs a compile and memory for good (see LiteDbQuery).
    /// </summary>
    static void RawFloor(string folder)
    {
        // Plain LiteDB: the server's engine wrapper (one call at a time, see SerializedLiteEngine) is RuleEngine's cost.
        using var db = new LiteDatabase(new LiteEngine(new EngineSettings
        {
            Filename = Path.Combine(folder, LiteDbFile.FileName), Collation = LiteDbFile.Collation,
        })) { UtcDate = true };
        var customers = db.GetCollection(LiteDbCollections.Customers);
        var orders = db.GetCollection(LiteDbCollections.Orders);
        var segments = db.GetCollection(LiteDbCollections.Segments);
        var now = DemoDataGenerator.Until;
        string? after = null;
        long changes = 0;
        while (true)
        {
            var page = (after is null ? customers.Find(Query.All("_id"), limit: PageSize) : customers.Find(BsonExpression.Create("_id > @0", after), limit: PageSize))
                .Select(d => d["_id"].AsString).ToList();
            if (page.Count == 0) break;
            var byCustomer = orders.Find(BsonExpression.Create("CustomerId BETWEEN @0 AND @1", page[0], page[^1])).ToLookup(d => d["CustomerId"].AsString);
            db.BeginTrans();
            foreach (var id in page)
            {
                var (grade, tier, stage) = Segment(byCustomer[id], now);
                var open = segments.Find(BsonExpression.Create("CustomerId = @0", id)).Where(d => d["LeftAt"].IsNull).ToList();
                foreach (var (kind, value) in new[] { ("grade", grade), ("tier", tier), ("lifecycle", stage) })
                {
                    var current = open.FirstOrDefault(d => d["Kind"].AsString == kind);
                    if (current?["Value"].AsString == value) continue;
                    if (current is not null) { current["LeftAt"] = now; current["Open"] = BsonValue.Null; segments.Update(current); }
                    segments.Insert(new BsonDocument
                    {
                        ["_id"] = $"{id}|{kind}|{value}|bench", ["CustomerId"] = id, ["Kind"] = kind, ["Value"] = value, ["EnteredAt"] = now,
                        ["LeftAt"] = BsonValue.Null, ["Open"] = OutcomeBson.OpenKey(kind, value, id), ["Explanation"] = "raw floor",
                    });
                    changes++;
                }
            }
            db.Commit();
            after = page[^1];
        }
        Console.WriteLine($"raw floor: {changes:N0} segment changes");
    }

    static (string Grade, string Tier, string Stage) Segment(IEnumerable<BsonDocument> orders, DateTime now)
    {
        var since = now.AddDays(-365);
        decimal spend = 0;
        var count = 0;
        DateTime? last = null;
        foreach (var order in orders.OrderBy(o => o["At"].AsDateTime))
        {
            var at = order["At"].AsDateTime;
            if (order["Status"].AsString != "paid" || at > now) continue;
            last = at;
            if (at <= since) continue;
            spend += order["Amount"].AsDecimal;
            count++;
        }
        var grade = spend >= 8000m ? "A" : spend >= 2000m ? "B" : "C";
        var tier = spend >= 50000m ? "diamond" : spend >= 20000m ? "platinum" : spend >= 8000m ? "gold" : spend >= 2000m ? "silver" : "ordinary";
        int? days = last is { } l ? (int)(now - l).TotalDays : null;
        var stage = days is null ? "prospect" : days > 365 ? "lapsed" : days > 180 ? "at-risk" : count >= 6 ? "loyal" : count >= 2 ? "repeat" : "first-time";
        return (grade, tier, stage);
    }

    internal static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        var target = Path.Combine(to, LiteDbFile.FileName);
        File.Copy(Path.Combine(from, LiteDbFile.FileName), target);
        using var copy = new FileStream(target, FileMode.Open, FileAccess.ReadWrite);
        copy.Flush(flushToDisk: true);
    }
}
