using System.Diagnostics;
using System.Net.Http.Headers;
using RuleEngine.Benchmarks.Ingest.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Benchmarks.Ingest;

/// <summary>
/// Bulk ingest of N orders over REST (NDJSON, loopback, the real server as a child process) next to raw LiteDB
/// InsertBulk of the same documents, in the same run, on the same machine. The ratio is the figure that counts.
/// </summary>
public static class IngestComparison
{
    public static async Task<int> RunAsync(int orderCount)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"Generating demo data with at least {orderCount:N0} orders...");
            var data = BenchmarkData.Create(orderCount, work);
            Console.WriteLine($"{data.Customers.Count:N0} customers, {data.Orders.Count:N0} orders, body {new FileInfo(data.OrdersNdjson).Length / 1e6:N0} MB");

            var raw = RawInsertBulk(data, Path.Combine(work, "raw"));
            var rest = await OverRest(data, Path.Combine(work, "rest"));

            Console.WriteLine();
            Console.WriteLine("| path | orders | seconds | orders/s |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine($"| raw LiteDB InsertBulk (documents built in the loop) | {data.Orders.Count:N0} | {raw.TotalSeconds:N2} | {data.Orders.Count / raw.TotalSeconds:N0} |");
            Console.WriteLine($"| REST NDJSON, all-or-nothing (default) | {data.Orders.Count:N0} | {rest.Atomic.TotalSeconds:N2} | {data.Orders.Count / rest.Atomic.TotalSeconds:N0} |");
            Console.WriteLine($"| REST NDJSON, ?partial=true (re-ingest of the same ids) | {data.Orders.Count:N0} | {rest.Partial.TotalSeconds:N2} | {data.Orders.Count / rest.Partial.TotalSeconds:N0} |");
            Console.WriteLine();
            Console.WriteLine($"REST / raw throughput ratio: {raw.TotalSeconds / rest.Atomic.TotalSeconds:P0} (all-or-nothing), {raw.TotalSeconds / rest.Partial.TotalSeconds:P0} (partial)");
            Console.WriteLine($"Server peak resident memory: {rest.PeakMemoryBytes / 1e6:N0} MB");
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static TimeSpan RawInsertBulk(BenchmarkData data, string folder)
    {
        using var database = LiteDbFile.Open(folder);
        database.GetCollection(LiteDbCollections.Customers).InsertBulk(data.Customers.Select(InputBson.ToBson));
        var watch = Stopwatch.StartNew();
        database.GetCollection(LiteDbCollections.Orders).InsertBulk(data.Orders.Select(InputBson.ToBson), batchSize: new RuleEngine.Ingest.IngestOptions().BatchSize);
        watch.Stop();
        Console.WriteLine($"raw InsertBulk: {watch.Elapsed.TotalSeconds:N2} s");
        return watch.Elapsed;
    }

    private static async Task<(TimeSpan Atomic, TimeSpan Partial, long PeakMemoryBytes)> OverRest(BenchmarkData data, string folder)
    {
        using var server = await ServerProcess.StartAsync(ServerProcess.ServerDll("Release"), folder, TimeSpan.FromSeconds(60));
        using var client = server.CreateClient();
        await Post(client, "/api/customers", data.CustomersNdjson);
        var atomic = await Post(client, "/api/orders", data.OrdersNdjson);
        var partial = await Post(client, "/api/orders?partial=true", data.OrdersNdjson);
        return (atomic, partial, server.PeakMemoryBytes() ?? 0);
    }

    /// <summary>Streams an NDJSON file as one POST body; the time from the first byte sent to the answer (after the last commit).</summary>
    internal static async Task<TimeSpan> Post(HttpClient client, string path, string file)
    {
        await using var body = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var content = new StreamContent(body, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync(path, content);
        var answer = await response.Content.ReadAsStringAsync();
        watch.Stop();
        Console.WriteLine($"POST {path}: {(int)response.StatusCode} in {watch.Elapsed.TotalSeconds:N2} s: {answer[..Math.Min(answer.Length, 200)]}");
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} failed: {answer}");
        return watch.Elapsed;
    }
}
