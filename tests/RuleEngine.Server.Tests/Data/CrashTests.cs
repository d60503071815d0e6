using System.Net;
using LiteDB;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Server.Tests.Data;

/// <summary>
/// Kills the real server process (SIGKILL) in the middle of an ingest and checks that the file still opens
/// and holds every batch the server acknowledged. Slow (two server start-ups): <c>--filter Category!=Slow</c> skips it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashTests : IDisposable
{
    private const int Customers = 500;
    private const int OrdersPerBatch = 5_000;
    private const int AcknowledgedBatchesBeforeKill = 4;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "ruleengine-crash", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { }
    }

    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private static string Batch(int batch) => IngestClient.Ndjson(Enumerable.Range(0, OrdersPerBatch)
        .Select(i => (object)new { id = $"b{batch}-{i}", customerId = $"c{i % Customers}", amount = 10 + i % 90, at = "2026-11-01T08:00:00Z" }).ToArray());

    [Fact]
    public async Task Every_acknowledged_batch_survives_a_kill_during_ingest()
    {
        var dll = ServerProcess.ServerDll(Configuration);
        var acknowledged = new List<int>();
        using (var server = await ServerProcess.StartAsync(dll, _dataPath, StartTimeout))
        using (var client = server.CreateClient())
        {
            var customers = IngestClient.Ndjson(Enumerable.Range(0, Customers).Select(i => (object)new { id = $"c{i}" }).ToArray());
            Assert.Equal(HttpStatusCode.OK, (await client.PostNdjson("/api/customers", customers)).StatusCode);
            for (var batch = 0; batch < AcknowledgedBatchesBeforeKill; batch++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.PostNdjson("/api/orders", Batch(batch))).StatusCode);
                acknowledged.Add(batch);
            }
            // The next batch is on its way (or being written) when the process dies.
            var inFlight = client.PostNdjson("/api/orders", Batch(AcknowledgedBatchesBeforeKill));
            await Task.WhenAny(inFlight, Task.Delay(300));
            server.Kill();
            try
            {
                if ((await inFlight).StatusCode == HttpStatusCode.OK) acknowledged.Add(AcknowledgedBatchesBeforeKill);
            }
            catch (HttpRequestException)
            {
                // Killed before it answered: not acknowledged, so it may or may not be there.
            }
        }

        // A restart opens the file (LiteDB replays its log) and serves again.
        using (var restarted = await ServerProcess.StartAsync(dll, _dataPath, StartTimeout))
        using (var client = restarted.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/customers/c0")).StatusCode);
            restarted.Kill();
        }

        using var database = LiteDbFile.Open(_dataPath);
        var orders = database.GetCollection(LiteDbCollections.Orders);
        foreach (var batch in acknowledged)
        {
            Assert.True(orders.Exists(Query.EQ("_id", $"b{batch}-0")), $"batch {batch} lost its first order");
            Assert.True(orders.Exists(Query.EQ("_id", $"b{batch}-{OrdersPerBatch - 1}")), $"batch {batch} lost its last order");
            Assert.Equal(OrdersPerBatch, orders.Count(Query.StartsWith("_id", $"b{batch}-")));
        }
    }
}
