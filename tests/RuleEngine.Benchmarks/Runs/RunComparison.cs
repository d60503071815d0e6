using System.Diagnostics;
using LiteDB;
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
/// from copies of one seeded file, in the same process, one after the other. The ratio is the figure that counts.
/// </summary>
public static class RunComparison
{
    const int PageSize = 500;

    public static async Task<int> RunAsync(int customers)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var (orders, seedTime) = Seed(Path.Combine(work, "seed"), customers);
            Console.WriteLine($"Seeded {customers:N0} customers and {orders:N0} orders in {seedTime.TotalSeconds:N0} s");
            Copy(Path.Combine(work, "seed"), Path.Combine(work, "raw"));
            Copy(Path.Combine(work, "seed"), Path.Combine(work, "engine"));

            var (rawTime, rawMemory) = await Measure(() => { RawFloor(Path.Combine(work, "raw")); return Task.CompletedTask; });
            var (engineTime, engineMemory) = await Measure(() => EngineRun(Path.Combine(work, "engine")));

            Console.WriteLine();
            Console.WriteLine("| path | customers | seconds | customers/s | managed heap after |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Console.WriteLine($"| raw LiteDB floor | {customers:N0} | {rawTime.TotalSeconds:N1} | {customers / rawTime.TotalSeconds:N0} | {rawMemory / 1e6:N0} MB |");
            Console.WriteLine($"| RuleEngine run | {customers:N0} | {engineTime.TotalSeconds:N1} | {customers / engineTime.TotalSeconds:N0} | {engineMemory / 1e6:N0} MB |");
            Console.WriteLine($"\nRuleEngine / raw time ratio: {engineTime.TotalSeconds / rawTime.TotalSeconds:N2}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<(TimeSpan, long)> Measure(Func<Task> work)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        return (watch.Elapsed, GC.GetTotalMemory(forceFullCollection: false));
    }

    static (long Orders, TimeSpan Time) Seed(string folder, int customers)
    {
        var watch = Stopwatch.StartNew();
        using var db = LiteDbFile.Open(folder);
        long orders = 0;
        foreach (var chunk in new DemoDataGenerator().Generate(customers).Chunk(5_000))
        {
            db.GetCollection(LiteDbCollections.Customers).InsertBulk(chunk.Select(c => InputBson.ToBson(c.Customer)));
            db.GetCollection(LiteDbCollections.Orders).InsertBulk(chunk.SelectMany(c => c.Orders).Select(InputBson.ToBson));
            db.GetCollection(LiteDbCollections.Events).InsertBulk(chunk.SelectMany(c => c.Events).Select(InputBson.ToBson));
            orders += chunk.Sum(c => c.Orders.Count);
        }
        return (orders, watch.Elapsed);
    }

    static async Task EngineRun(string folder)
    {
        var database = LiteDbFile.Open(folder);
        var writer = new LiteDbWriter(database);
        try
        {
            var compiler = new RuleCompiler();
            var compilation = compiler.Compile(RuleSources.FromText("segmentation.csx", SegmentationLogic.Script));
            var version = new ActiveVersion(compilation.Header!, compilation.Sources,
                LoadedRule.Load("segmentation", compilation.Sources.Hash, compilation.Assembly!), DemoDataGenerator.Until);
            var runs = new LiteDbRunStore(database, writer);
            var runner = new RuleRunner(new LiteDbCustomerStream(database), new LiteDbCustomerStore(database, writer),
                new LiteDbOutcomeWriter(database, writer), runs,
                new CustomerStateReader(new LiteDbSegmentStore(database), new LiteDbScoreStore(database), new LiteDbPointsLedger(database), new LiteDbFollowUpStore(database, writer)),
                Options.Create(new RunOptions { PageSize = PageSize }), TimeProvider.System, NullLogger<RuleRunner>.Instance);
            var run = new Run
            {
                Id = "bench", Rule = "segmentation", Trigger = RunTrigger.Manual, TriggeredBy = "benchmark",
                AsOf = DemoDataGenerator.Until, Status = RunStatus.Pending, CreatedAt = DateTime.UtcNow,
            };
            var result = await runner.ExecuteAsync(run, version, CancellationToken.None);
            Console.WriteLine($"RuleEngine run: {result.Status}, {result.Counts.Evaluated:N0} evaluated, {result.Counts.SegmentChanges:N0} segment changes");
        }
        finally
        {
            await writer.DisposeAsync();
            database.Dispose();
        }
    }

    /// <summary>The floor: what any program must do to compute and store these segments with LiteDB.</summary>
    static void RawFloor(string folder)
    {
        using var db = LiteDbFile.Open(folder);
        var customers = db.GetCollection(LiteDbCollections.Customers);
        var orders = db.GetCollection(LiteDbCollections.Orders);
        var segments = db.GetCollection(LiteDbCollections.Segments);
        var now = DemoDataGenerator.Until;
        string? after = null;
        long changes = 0;
        while (true)
        {
            var page = (after is null ? customers.Find(Query.All("_id"), limit: PageSize) : customers.Find(Query.GT("_id", after), limit: PageSize))
                .Select(d => d["_id"].AsString).ToList();
            if (page.Count == 0) break;
            var byCustomer = orders.Find(Query.Between("CustomerId", page[0], page[^1])).ToLookup(d => d["CustomerId"].AsString);
            db.BeginTrans();
            foreach (var id in page)
            {
                var (grade, tier, stage) = Segment(byCustomer[id], now);
                var open = segments.Find(Query.EQ("CustomerId", id)).Where(d => d["LeftAt"].IsNull).ToList();
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

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
