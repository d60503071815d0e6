using System.Net;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Server.Tests.Triggers;

/// <summary>
/// SIGKILLs the real server between the ingest acknowledgement of orders and their triggered evaluation (and then at
/// random moments while batches run), restarts it, and checks that every acknowledged order is paid exactly once.
/// Slow (several server start-ups): <c>--filter Category!=Slow</c> skips it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TriggerCrashTests : IDisposable
{
    const int Customers = 50;
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    const string PointsRule = """
        // kind: reward
        // trigger: orders
        foreach (var order in Orders.Where(o => o.Status == OrderStatus.Paid))
            AwardPoints((long)order.Amount, $"order:{order.Id}", $"order {order.Id}");
        """;

    readonly string _root = Path.Combine(Path.GetTempPath(), "ruleengine-trigger-crash", Guid.NewGuid().ToString("N"));
    string DataPath => Path.Combine(_root, "data");
    string RulesPath => Path.Combine(_root, "rules");

    public TriggerCrashTests()
    {
        Directory.CreateDirectory(RulesPath);
        File.WriteAllText(Path.Combine(RulesPath, "crash-points.csx"), PointsRule);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    Task<ServerProcess> StartAsync(string batchWindow) => ServerProcess.StartAsync(ServerProcess.ServerDllOfThisBuild(), DataPath, StartTimeout,
        new Dictionary<string, string> { ["RuleEngine__RulesPath"] = RulesPath, ["RuleEngine__Triggers__BatchWindow"] = batchWindow });

    static string Orders(int batch, int count) => IngestClient.Ndjson(Enumerable.Range(0, count)
        .Select(i => (object)new { id = $"k{batch}-{i}", customerId = $"c{i % Customers}", amount = 1 + i % 7, at = DateTime.UtcNow.AddMinutes(-1).ToString("O") }).ToArray());

    [Fact]
    public async Task Orders_acknowledged_before_a_kill_are_paid_exactly_once_after_the_restart()
    {
        var acknowledged = new Dictionary<string, long>(); // order id -> points it must earn
        void Acknowledge(int batch, int count)
        {
            for (var i = 0; i < count; i++) acknowledged[$"k{batch}-{i}"] = 1 + i % 7;
        }

        // 1. A long batch window holds evaluation back: the kill lands after the acknowledgement, before any evaluation.
        using (var server = await StartAsync("00:01:00"))
        using (var client = server.CreateClient())
        {
            var customers = IngestClient.Ndjson(Enumerable.Range(0, Customers).Select(i => (object)new { id = $"c{i}" }).ToArray());
            Assert.Equal(HttpStatusCode.OK, (await client.PostNdjson("/api/customers", customers)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostNdjson("/api/orders", Orders(0, 200))).StatusCode);
            Acknowledge(0, 200);
            server.Kill();
        }
        using (var database = LiteDbFile.Open(DataPath))
        {
            // One entry per customer however many orders it had (the customers, loaded before the rule was, have theirs too).
            Assert.Equal(Customers, database.GetCollection(LiteDbCollections.TriggerOutbox).Count(LiteDB.Query.EQ("Kind", "orders")));
            Assert.Equal(0, database.GetCollection(LiteDbCollections.Points).Count());
        }

        // 2. Normal batching; kills at random moments while orders arrive and batches run.
        var random = new Random(5);
        for (var cycle = 1; cycle <= 3; cycle++)
        {
            using var server = await StartAsync("00:00:00.010");
            using var client = server.CreateClient();
            for (var batch = cycle * 10; batch < cycle * 10 + 3; batch++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.PostNdjson("/api/orders", Orders(batch, 100))).StatusCode);
                Acknowledge(batch, 100);
            }
            await Task.Delay(random.Next(0, 400));
            server.Kill();
        }

        // 3. A last restart drains what is left: every acknowledged order is paid, each exactly once.
        using (var server = await StartAsync("00:00:00.010"))
        using (var client = server.CreateClient())
        {
            // The rule must be loaded (until then /api/triggers lists no rule) and its customers drained; a busy machine
            // compiles slowly, hence the long patience.
            var giveUp = DateTime.UtcNow.AddMinutes(3);
            while (true)
            {
                var rules = (await TriggerTestApp.GetJsonAsync(client, "/api/triggers")).GetProperty("rules").EnumerateArray().ToList();
                if (rules.Any(r => r.GetProperty("rule").GetString() == "crash-points" && r.GetProperty("pendingCustomers").GetInt64() == 0)) break;
                Assert.True(DateTime.UtcNow < giveUp, "the outbox never drained after the restart");
                await Task.Delay(200);
            }
            var paid = new Dictionary<string, long>();
            for (var c = 0; c < Customers; c++)
            {
                foreach (var entry in await TriggerTestApp.PointsAsync(client, $"c{c}"))
                {
                    var order = entry.GetProperty("key").GetString()!["order:".Length..];
                    Assert.True(paid.TryAdd(order, entry.GetProperty("delta").GetInt64()), $"order {order} was paid twice");
                }
            }
            var missing = acknowledged.Keys.Where(id => !paid.ContainsKey(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged orders were never paid, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.All(acknowledged, a => Assert.Equal(a.Value, paid[a.Key]));
            server.Kill();
        }
    }
}
