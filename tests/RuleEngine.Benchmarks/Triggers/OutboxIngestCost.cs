using System.Diagnostics;
using RuleEngine.Benchmarks.Ingest.Data;
using RuleEngine.Domain;
using RuleEngine.Ingest;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Triggers;

namespace RuleEngine.Benchmarks.Triggers;

/// <summary>
/// The outbox's own cost, isolated from HTTP and parsing: the same demo orders written through the order store in
/// ingest-sized batches, with and without their trigger marks (one per customer and batch, as ingest makes them), each
/// round into a fresh file, the two modes alternating so that a busy machine's drift hits both alike.
/// <c>dotnet run -c Release --project tests/RuleEngine.Benchmarks -- outbox [orders] [rounds] [distinct]</c>; with
/// <c>distinct</c> every order gets its own customer (the worst case: one mark per order).
/// </summary>
public static class OutboxIngestCost
{
    public static async Task<int> RunAsync(int orderCount, int rounds, bool distinct)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-outbox-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var data = BenchmarkData.Create(orderCount, work);
            var customers = data.Customers;
            var orders = data.Orders;
            if (distinct)
            {
                customers = orders.Select((o, i) => data.Customers[0] with { Id = $"d{i:D7}" }).ToList();
                orders = orders.Select((o, i) => o with { CustomerId = $"d{i:D7}" }).ToList();
            }
            var batchSize = new IngestOptions().BatchSize;
            Console.WriteLine($"{orders.Count:N0} orders of {customers.Count:N0} customers, batches of {batchSize:N0}, {rounds} rounds");
            var off = new List<double>();
            var on = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var withMarks in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    var seconds = await WriteAsync(customers, orders, batchSize, withMarks, Path.Combine(work, $"{round}-{withMarks}"));
                    (withMarks ? on : off).Add(seconds);
                    Console.WriteLine($"round {round + 1}, outbox {(withMarks ? "on " : "off")}: {seconds:N2} s ({orders.Count / seconds:N0} orders/s)");
                }
            }
            var offMedian = Median(off);
            var onMedian = Median(on);
            Console.WriteLine();
            Console.WriteLine("| order writes | median seconds | orders/s | vs off |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| outbox off | {offMedian:N2} | {orders.Count / offMedian:N0} | 1.00 |");
            Console.WriteLine($"| outbox on | {onMedian:N2} | {orders.Count / onMedian:N0} | {offMedian / onMedian:N2} |");
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<double> WriteAsync(List<Customer> customers, List<Order> orders, int batchSize, bool withMarks, string folder)
    {
        using var database = LiteDbFile.Open(folder);
        await using var writer = new LiteDbWriter(database);
        await new LiteDbCustomerStore(database, writer).UpsertAsync(customers);
        var store = new LiteDbOrderStore(database, writer);
        var watch = Stopwatch.StartNew();
        foreach (var batch in orders.Chunk(batchSize))
        {
            // The marks ingest makes for a batch when a rule has trigger: orders (TriggerInterest.ForOrders).
            var marks = withMarks
                ? batch.GroupBy(o => o.CustomerId, StringComparer.Ordinal).Select(g => new TriggerMark(g.Key, TriggerKinds.Orders, g.Min(o => o.At))).ToList()
                : null;
            await store.UpsertAsync(batch, marks, CancellationToken.None);
        }
        return watch.Elapsed.TotalSeconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
