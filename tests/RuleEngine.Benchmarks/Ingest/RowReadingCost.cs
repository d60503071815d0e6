using System.Diagnostics;
using RuleEngine.Benchmarks.Ingest.Data;
using RuleEngine.Domain;
using RuleEngine.Ingest;
using RuleEngine.Ingest.Mapping;
using RuleEngine.Storage;
using RuleEngine.Triggers;

namespace RuleEngine.Benchmarks.Ingest;

/// <summary>
/// The server's own work per ingested order before any storage: an NDJSON body read, parsed, validated and mapped by
/// the real ingest pipeline into a transaction that keeps nothing. CPU microseconds and bytes allocated per order.
/// </summary>
public static class RowReadingCost
{
    public static async Task<int> RunAsync(int orderCount, int rounds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var data = BenchmarkData.Create(orderCount, folder);
            var body = await File.ReadAllBytesAsync(data.OrdersNdjson);
            Console.WriteLine($"{data.Orders.Count:N0} orders, {body.Length / 1024.0 / 1024:N1} MB of NDJSON");
            for (var round = 1; round <= rounds; round++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var result = await ReadAsync(body);
                watch.Stop();
                var cpuSpent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                Console.WriteLine($"round {round}: {result.Accepted:N0} accepted in {watch.Elapsed.TotalSeconds:N2} s; " +
                    $"{cpuSpent.TotalMicroseconds / result.Accepted:N2} CPU µs and {bytes / (double)result.Accepted:N0} bytes allocated per order");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static Task<IngestResult> ReadAsync(byte[] body)
    {
        var target = new IngestTarget<Order>((_, _, _) => Task.CompletedTask, new KeepNothing(), _ => null, () => { });
        var pipeline = new IngestPipeline<Order>(new OrderRowMapper(), target, new EveryCustomerKnown(), new IngestOptions());
        return pipeline.RunAsync(new MemoryStream(body, writable: false), IngestFormat.Ndjson, partial: false, CancellationToken.None);
    }

    sealed class KeepNothing : IAtomicUpsert<Order>, IUpsertTransaction<Order>
    {
        public Task<IUpsertTransaction<Order>> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<IUpsertTransaction<Order>>(this);
        public Task WriteAsync(IReadOnlyList<Order> items, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    sealed class EveryCustomerKnown : ICustomerStore
    {
        public IReadOnlySet<string> FindMissing(IReadOnlyCollection<string> ids) => new HashSet<string>();
        public Customer? Find(string id) => throw new NotSupportedException();
        public long Count() => throw new NotSupportedException();
        public Task UpsertAsync(IReadOnlyList<Customer> items, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
