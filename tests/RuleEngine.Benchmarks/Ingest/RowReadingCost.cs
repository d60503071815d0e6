using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RuleEngine.Demo;
using RuleEngine.Domain;
using RuleEngine.Ingest;
using RuleEngine.Ingest.Mapping;
using RuleEngine.Storage;
using RuleEngine.Triggers;

namespace RuleEngine.Benchmarks.Ingest;

/// <summary>
/// The server's own work per ingested row before any storage: an NDJSON body of demo orders (then of demo events) read,
/// parsed, validated and mapped by the real ingest pipeline into a transaction that keeps nothing. Each round measures
/// both ways side by side: rows read in one pass (<see cref="OrderJson"/>, <see cref="EventJson"/>, what the server does)
/// and every row through a document (the general way, which the one-pass readers leave the unusual rows to). CPU
/// microseconds and bytes allocated per row.
/// </summary>
public static class RowReadingCost
{
    static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<int> RunAsync(int rowCount, int rounds)
    {
        var demo = new DemoDataGenerator().Generate(DemoDataGenerator.MaxCustomers);
        var orders = Ndjson(demo.SelectMany(c => c.Orders).Take(rowCount));
        var events = Ndjson(new DemoDataGenerator().Generate(DemoDataGenerator.MaxCustomers).SelectMany(c => c.Events).Take(rowCount));
        Console.WriteLine($"{rowCount:N0} orders ({orders.Length / 1024.0 / 1024:N1} MB of NDJSON), {rowCount:N0} events ({events.Length / 1024.0 / 1024:N1} MB)");
        Console.WriteLine("| round | rows | one pass: CPU µs / bytes per row | every row a document: CPU µs / bytes per row |");
        Console.WriteLine("|---:|---|---:|---:|");
        for (var round = 1; round <= rounds; round++)
        {
            Console.WriteLine($"| {round} | orders | {await Measure(orders, new OrderRowMapper())} | {await Measure(orders, new DocumentsOnly<Order>(new OrderRowMapper()))} |");
            Console.WriteLine($"| {round} | events | {await Measure(events, new EventRowMapper())} | {await Measure(events, new DocumentsOnly<InteractionEvent>(new EventRowMapper()))} |");
        }
        return 0;
    }

    static byte[] Ndjson<T>(IEnumerable<T> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows) text.Append(JsonSerializer.Serialize(row, Api)).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static async Task<string> Measure<T>(byte[] body, IRowMapper<T> mapper)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var target = new IngestTarget<T>((_, _, _) => Task.CompletedTask, new KeepNothing<T>(), _ => null, () => { });
        var pipeline = new IngestPipeline<T>(mapper, target, new EveryCustomerKnown(), new IngestOptions());
        var result = await pipeline.RunAsync(new MemoryStream(body, writable: false), IngestFormat.Ndjson, partial: false, CancellationToken.None);
        var cpuSpent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        if (result.Rejected > 0) throw new InvalidOperationException($"{result.Rejected} demo rows rejected: {result.Errors[0].Message}");
        return $"{cpuSpent.TotalMicroseconds / result.Accepted:N2} / {bytes / (double)result.Accepted:N0}";
    }

    /// <summary>The general way for every row: the mapper without its one-pass reader.</summary>
    sealed class DocumentsOnly<T>(IRowMapper<T> mapper) : IRowMapper<T>
    {
        public T? Map(JsonElement row, Action<string, string> error) => mapper.Map(row, error);
        public string IdOf(T item) => mapper.IdOf(item);
        public string? CustomerIdOf(T item) => mapper.CustomerIdOf(item);
    }

    sealed class KeepNothing<T> : IAtomicUpsert<T>, IUpsertTransaction<T>
    {
        public Task<IUpsertTransaction<T>> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<IUpsertTransaction<T>>(this);
        public Task WriteAsync(IReadOnlyList<T> items, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken) => Task.CompletedTask;
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
