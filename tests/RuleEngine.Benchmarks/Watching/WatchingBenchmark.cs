using System.Diagnostics;
using System.Text.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Benchmarks.Watching;

/// <summary>
/// Latency of the watching reads at N customers, through the stores the endpoints call (plus JSON serialization of
/// the answer): customer history for a customer with two years of weekly activity and for an ordinary one, the
/// segment list from the kept counts next to the open-stays scan it replaces, trends, and customer search.
/// Each is called 200 times after 20 warm-up calls; p50, p99 and max in milliseconds.
/// </summary>
public static class WatchingBenchmark
{
    const int Warmup = 20, Calls = 200;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(int customers, string? keepFolder)
    {
        var folder = keepFolder ?? Path.Combine(Path.GetTempPath(), "ruleengine-bench", "watching-" + Guid.NewGuid().ToString("N"));
        var seeded = File.Exists(Path.Combine(folder, LiteDbFile.FileName));
        if (!seeded) Console.WriteLine($"Seeded {customers:N0} customers with their segment stays in {WatchingSeed.SeedRaw(folder, customers):N0} s (load {Load()})");
        var open = Stopwatch.StartNew();
        using var database = LiteDbFile.Open(folder);
        Console.WriteLine($"Opened (with the one-time rebuild of segment counts from the stays on a new file) in {open.Elapsed.TotalSeconds:N1} s");
        await using (var writer = new LiteDbWriter(database))
            if (!seeded) await WatchingSeed.AddHeavyCustomerAsync(database, writer);

        var history = new LiteDbCustomerHistory(database);
        var segments = new LiteDbSegmentStore(database);
        var trends = new LiteDbSegmentTrends(database);
        var pointsTrends = new LiteDbPointsTrends(database);
        var search = new LiteDbCustomerSearch(database);
        var today = DateOnly.FromDateTime(WatchingSeed.Start.AddDays(729));
        Console.WriteLine($"Heavy customer's history: {history.For(WatchingSeed.Heavy, null, null).Count} entries; load {Load()}");
        Console.WriteLine("| read | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Measure("customer history, 2 years of weekly activity", () => history.For(WatchingSeed.Heavy, null, null));
        Measure("customer history, ordinary customer", () => history.For("c0000042", null, null));
        Measure("GET /api/segments from kept counts", () => segments.Summaries());
        Measure("segments by scanning open stays (before)", () => ScanOpenStays(database), calls: 5);
        Measure("trend value-grade, 30 days by day", () => trends.Trend("value-grade", today.AddDays(-29), today, TrendBucket.Day));
        Measure("trend value-grade, 2 years by week", () => trends.Trend("value-grade", today.AddDays(-729), today, TrendBucket.Week));
        Measure("trend lifecycle, 2 years by month", () => trends.Trend("lifecycle", today.AddDays(-729), today, TrendBucket.Month));
        Measure("points trend, 2 years by week", () => pointsTrends.Trend(today.AddDays(-729), today, TrendBucket.Week));
        Measure("search name prefix 'zhang w', 50", () => search.Search(new CustomerSearchQuery("zhang w"), new PageRequest(50)).Items);
        Measure("search phone prefix '138', 50", () => search.Search(new CustomerSearchQuery("138"), new PageRequest(50)).Items);
        Measure("search segment value-grade:A, 50", () => search.Search(new CustomerSearchQuery(null, "value-grade", "A"), new PageRequest(50)).Items);
        Console.WriteLine($"load {Load()}");
        if (keepFolder is null) Directory.Delete(folder, recursive: true);
        return 0;
    }

    static void Measure<T>(string what, Func<T> read, int calls = Calls)
    {
        for (var i = 0; i < Math.Min(Warmup, calls); i++) JsonSerializer.Serialize(read(), Json);
        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            JsonSerializer.Serialize(read(), Json);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"| {what} | {times[calls / 2]:N1} | {times[(int)Math.Ceiling(calls * 0.99) - 1]:N1} | {times[^1]:N1} |");
    }

    /// <summary>What GET /api/segments did before: walk every open stay's index key and count.</summary>
    static int ScanOpenStays(LiteDatabase database) =>
        database.GetCollection(LiteDbCollections.Segments).Query().Where("Open != null").Select("$.Open").ToEnumerable()
            .GroupBy(d => d["Open"].AsString.Split('|', 3)[1]).Count();

    static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
