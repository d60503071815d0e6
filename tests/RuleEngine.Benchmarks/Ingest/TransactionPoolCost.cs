using System.Diagnostics;
using RuleEngine.Benchmarks.Ingest.Data;
using RuleEngine.Ingest;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Benchmarks.Ingest;

/// <summary>
/// What bounding LiteDB's transaction pool costs ingest (storage.md, "LiteDB's memory is bounded by us"): the same demo
/// orders written through the order store in ingest-sized batches into a fresh file, with RuleEngine's pool and with
/// LiteDB's own 800 MB, the two alternating round by round; beside each time, what LiteDB's page cache allocated.
/// <c>dotnet run -c Release --project tests/RuleEngine.Benchmarks -- litedb-pool [orders] [rounds] [batch]</c>
/// </summary>
public static class TransactionPoolCost
{
    public static async Task<int> RunAsync(int orderCount, int rounds, int batchSize)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-pool-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var data = BenchmarkData.Create(orderCount, work);
            Console.WriteLine($"{data.Orders.Count:N0} orders of {data.Customers.Count:N0} customers, batches of {batchSize:N0}, {rounds} rounds");
            var pools = new[] { StorageOptions.DefaultLiteDbTransactionMegabytes, 800 };
            var results = pools.ToDictionary(p => p, _ => new List<(double Seconds, long Cache)>());
            for (var round = 0; round < rounds; round++)
                foreach (var pool in round % 2 == 0 ? pools : pools.Reverse())
                {
                    var result = await WriteAsync(data, batchSize, pool, Path.Combine(work, $"{round}-{pool}"));
                    results[pool].Add(result);
                    Console.WriteLine($"round {round + 1}, pool {pool} MB: {result.Seconds:N2} s ({data.Orders.Count / result.Seconds:N0} orders/s), LiteDB cache {result.Cache / 1e6:N0} MB");
                }
            Console.WriteLine();
            Console.WriteLine("| LiteDB transaction pool | median seconds | orders/s | vs 800 MB | LiteDB page cache after, max |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var baseline = Median(results[800].Select(r => r.Seconds));
            foreach (var pool in pools)
            {
                var median = Median(results[pool].Select(r => r.Seconds));
                Console.WriteLine($"| {pool} MB | {median:N2} | {data.Orders.Count / median:N0} | {baseline / median:N2} | {results[pool].Max(r => r.Cache) / 1e6:N0} MB |");
            }
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<(double Seconds, long Cache)> WriteAsync(BenchmarkData data, int batchSize, int poolMegabytes, string folder)
    {
        using var engine = LiteDbFile.OpenEngine(folder, poolMegabytes);
        using var database = LiteDbFile.Open(engine);
        await using var writer = new LiteDbWriter(database);
        await new LiteDbCustomerStore(database, writer).UpsertAsync(data.Customers);
        var store = new LiteDbOrderStore(database, writer);
        var watch = Stopwatch.StartNew();
        foreach (var batch in data.Orders.Chunk(batchSize)) await store.UpsertAsync(batch);
        return (watch.Elapsed.TotalSeconds, engine.CacheBytes ?? 0);
    }

    static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
}
