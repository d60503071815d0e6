using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RuleEngine.Audit;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;

namespace RuleEngine.Benchmarks.Benefits;

/// <summary>
/// Redemptions per second on the embedded default (the server's LiteDB file, writer and stores, audit included), in two
/// phases side by side: alone, then while a run applies outcome pages to the same file. Then the books are checked:
/// no balance below zero, every balance equal to what its redemptions spent, no stock issued beyond its limit, one
/// audit entry per redemption. <c>dotnet run -c Release --project tests/RuleEngine.Benchmarks -- redemptions [seconds] [workers]</c>
/// </summary>
static class RedemptionLoad
{
    const int Members = 5_000, StartingPoints = 10_000, LimitedStock = 2_000, RunCustomers = 20_000, RunPage = 500;

    const string Catalog = """
        {
          "couponTemplates": [ { "id": "small-10", "title": "10 off", "value": 10, "validDays": 30 } ],
          "items": [
            { "id": "coupon-10", "kind": "coupon", "template": "small-10", "pointsCost": 100 },
            { "id": "limited", "kind": "gift", "title": "Limited gift", "pointsCost": 10, "stock": 2000 }
          ]
        }
        """;

    /// <param name="checkpointPages">The server's <c>RuleEngine:Storage:LiteDbCheckpointPages</c>, to compare settings.</param>
    public static async Task<int> RunAsync(int seconds, int workers, int checkpointPages = StorageOptions.DefaultLiteDbCheckpointPages)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-bench-redemptions", Guid.NewGuid().ToString("N"));
        var engine = LiteDbFile.OpenEngine(folder, checkpointPages: checkpointPages);
        var database = LiteDbFile.Open(engine);
        var writer = new LiteDbWriter(database);
        try
        {
            var options = new RuleEngineOptions { RulesPath = Path.Combine(folder, "rules"), DataPath = folder };
            var keeper = new BenefitCatalogKeeper(options, new LiteDbCatalogVersionStore(database, writer), TimeProvider.System, NullLogger<BenefitCatalogKeeper>.Instance);
            await keeper.SaveAsync(Catalog, "bench");
            var audit = new AuditLog(new LiteDbAuditStore(database, writer), TimeProvider.System, NullLogger<AuditLog>.Instance);
            var store = new LiteDbBenefitStore(database, writer);
            var customers = new LiteDbCustomerStore(database, writer);
            var service = new BenefitsService(keeper, store, customers, new LiteDbEventStore(database, writer), new LiteDbSegmentStore(database),
                DrawSecret.Load("bench", folder), Microsoft.Extensions.Options.Options.Create(new BenefitsOptions()), TimeProvider.System, audit);
            var outcomes = new LiteDbOutcomeWriter(database, writer);
            await SeedAsync(customers, outcomes);
            Console.WriteLine($"Seeded {Members:N0} members with {StartingPoints:N0} points and {RunCustomers:N0} run customers; {workers} concurrent callers, {seconds} s per phase.");

            var alone = await PhaseAsync("alone", service, outcomes, writer, seconds, workers, withRun: false);
            var withRun = await PhaseAsync("while a run applies outcomes", service, outcomes, writer, seconds, workers, withRun: true);
            var books = CheckBooks(database, store, audit, alone.Made + withRun.Made);
            Console.WriteLine();
            Console.WriteLine("| phase | redemptions/s | p50 ms | p99 ms | max ms | slowest second | refused (no points / stock) | run pages/s | process CPU ms per redemption | cores the process got | writer commits/s | writer busy / durable wait, s per s |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var p in new[] { alone, withRun }) Console.WriteLine(p.Row());
            Console.WriteLine($"Ratio with a run / alone: {withRun.PerSecond / alone.PerSecond:0.00} (throughput), {withRun.P99 / alone.P99:0.00} (p99).");
            Console.WriteLine($"Retries answered with the same redemption: {alone.Retries + withRun.Retries:N0}; machine load average at the end: {LoadAverage()}.");
            Console.WriteLine(books);
            return books.Ok ? 0 : 1;
        }
        finally
        {
            await writer.DisposeAsync();
            database.Dispose();
            engine.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    static async Task SeedAsync(LiteDbCustomerStore customers, LiteDbOutcomeWriter outcomes)
    {
        var ids = Enumerable.Range(0, Members).Select(Member).Concat(Enumerable.Range(0, RunCustomers).Select(RunCustomer)).ToList();
        foreach (var chunk in ids.Chunk(5_000)) await customers.UpsertAsync(chunk.Select(id => new Customer { Id = id }).ToList());
        var source = new OutcomeSource { Rule = "seed", RuleVersionHash = "h", RunId = "seed", At = DateTime.UtcNow.AddDays(-1) };
        foreach (var chunk in Enumerable.Range(0, Members).Chunk(1_000))
            await outcomes.ApplyAsync(new OutcomeBatch
            {
                Source = source, Points = chunk.Select(i => new PointsGrant(Member(i), PointsEntryType.Earn, StartingPoints, "seed", "seed")).ToList(),
            });
    }

    static string Member(int i) => $"m{i:D5}";

    static string RunCustomer(int i) => $"r{i:D6}";

    static async Task<Phase> PhaseAsync(string name, BenefitsService service, LiteDbOutcomeWriter outcomes, LiteDbWriter writer, int seconds, int workers, bool withRun)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var latencies = new ConcurrentBag<double>();
        var perSecond = new ConcurrentDictionary<long, int>();
        long made = 0, refusedPoints = 0, refusedStock = 0, retries = 0, pages = 0;
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (commits, (busy, durable)) = (writer.Commits, writer.Seconds);
        var run = withRun ? Task.Run(async () =>
        {
            // A reward run's pages, as RunPageWriter applies them: one batch at a time, each awaited before the next.
            for (var page = 0; !stop.IsCancellationRequested; page++)
            {
                var source = new OutcomeSource { Rule = "bench-run", RuleVersionHash = "h", RunId = $"run-{name}", At = DateTime.UtcNow };
                var ids = Enumerable.Range(page * RunPage % RunCustomers, RunPage).Select(i => RunCustomer(i % RunCustomers)).ToList();
                await outcomes.ApplyAsync(new OutcomeBatch
                {
                    Source = source,
                    Segments = ids.Select(id => new SegmentAssignment(id, "bench-tier", page % 2 == 0 ? "gold" : "silver", "bench")).ToList(),
                    Points = ids.Select(id => new PointsGrant(id, PointsEntryType.Earn, 5, "bench", $"bench:{page}")).ToList(),
                });
                Interlocked.Increment(ref pages);
            }
        }) : Task.CompletedTask;
        var callers = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + (withRun ? 1 : 0));
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var member = Member(random.Next(Members));
                var item = random.Next(10) == 0 ? "limited" : "coupon-10";
                var key = $"{name}-{w}-{n++}";
                var started = clock.Elapsed;
                var result = await service.RedeemAsync(member, item, key, "bench");
                var took = (clock.Elapsed - started).TotalMilliseconds;
                latencies.Add(took);
                perSecond.AddOrUpdate((long)clock.Elapsed.TotalSeconds, 1, (_, c) => c + 1);
                if (result.Value is not null) Interlocked.Increment(ref made);
                else if (result.Refusal == BenefitRefusal.OutOfStock) Interlocked.Increment(ref refusedStock);
                else Interlocked.Increment(ref refusedPoints);
                if (random.Next(20) == 0 && result.Value is not null)
                {
                    // A shop retrying after a timeout: the same key must give the same redemption and spend nothing more.
                    var again = await service.RedeemAsync(member, item, key, "bench");
                    if (!again.Replayed || again.Value!.Id != result.Value.Id) throw new InvalidOperationException("A retry made a second redemption.");
                    Interlocked.Increment(ref retries);
                }
            }
        })).ToList();
        await Task.WhenAll(callers);
        var elapsed = clock.Elapsed.TotalSeconds;
        await run;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var writerShare = new WriterShare((writer.Commits - commits) / elapsed, (writer.Seconds.Busy - busy) / elapsed, (writer.Seconds.Durable - durable) / elapsed);
        var sorted = latencies.Order().ToArray();
        var full = perSecond.Where(s => s.Key < (long)elapsed).Select(s => s.Value).DefaultIfEmpty(0);
        return new Phase(name, sorted.Length / elapsed, Percentile(sorted, 0.5), Percentile(sorted, 0.99), sorted[^1], full.Min(), made,
            refusedPoints, refusedStock, retries, pages / elapsed, cpuMs / sorted.Length, cpuMs / 1000 / elapsed, writerShare);
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    static Books CheckBooks(LiteDB.LiteDatabase database, LiteDbBenefitStore store, AuditLog audit, long made)
    {
        var ledger = new LiteDbPointsLedger(database);
        long overdrafts = 0, mismatches = 0;
        for (var i = 0; i < Members; i++)
        {
            var id = Member(i);
            var balance = ledger.BalanceOf(id);
            var spent = store.RedemptionsFor(id).Sum(r => r.PointsSpent);
            if (balance < 0) overdrafts++;
            if (balance != StartingPoints - spent) mismatches++;
        }
        var limited = Enumerable.Range(0, Members).Sum(i => store.RedemptionsFor(Member(i)).Count(r => r.ItemId == "limited"));
        var issued = store.Issued(StockKeys.Item("limited"));
        var audited = audit.ReadAll(new AuditQuery(Type: AuditTypes.Redemption)).LongCount();
        return new Books(overdrafts, mismatches, Math.Max(0, issued - LimitedStock), issued == limited, made, audited);
    }

    sealed record Phase(string Name, double PerSecond, double P50, double P99, double Max, int SlowestSecond, long Made, long RefusedPoints,
        long RefusedStock, long Retries, double RunPagesPerSecond, double CpuMsPerRedemption, double CoresUsed, WriterShare Writer)
    {
        public string Row() => $"| {Name} | {PerSecond:N0} | {P50:0.0} | {P99:0.0} | {Max:0} | {SlowestSecond:N0} | {RefusedPoints:N0} / {RefusedStock:N0} | {RunPagesPerSecond:0.0} | {CpuMsPerRedemption:0.00} | {CoresUsed:0.00} | {Writer.CommitsPerSecond:N0} | {Writer.Busy:0.00} / {Writer.Durable:0.00} |";
    }

    /// <summary>What the one writer thread did per second of the phase: where a redemption's wait comes from.</summary>
    sealed record WriterShare(double CommitsPerSecond, double Busy, double Durable);

    sealed record Books(long Overdrafts, long Mismatches, long Oversold, bool StockMatches, long Made, long Audited)
    {
        public bool Ok => Overdrafts == 0 && Mismatches == 0 && Oversold == 0 && StockMatches && Made == Audited;

        public override string ToString() =>
            $"Books: {Made:N0} redemptions made, {Audited:N0} audited; {Overdrafts} overdrafts, {Mismatches} balances off, {Oversold} oversold, stock count {(StockMatches ? "matches" : "DOES NOT match")} the redemptions: {(Ok ? "OK" : "FAILED")}.";
    }
}
