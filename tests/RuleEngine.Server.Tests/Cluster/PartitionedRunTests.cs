using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace RuleEngine.Server.Tests.Cluster;

/// <summary>
/// A run split into ranges across three servers, and one of them SIGKILLed while it holds a range (it also coordinates
/// the run): another node adopts the run, its range is claimed again once the lease passes and resumes after its
/// checkpoint, and every customer ends with exactly one points entry.
/// </summary>
[Trait("Backend", "postgres")]
[Trait("Category", "Slow")]
public sealed class PartitionedRunTests(ITestOutputHelper output)
{
    const int Customers = 1200, RangeCustomers = 100, PageSize = 10;

    // About a millisecond or two of work per customer, so that ranges take long enough to be caught mid-way.
    const string Rule = """
        // kind: reward
        var spin = 0L;
        for (var i = 0; i < 400_000; i++) spin += i % 7;
        AwardPoints(10, "cluster-welcome", $"welcome ({spin % 2})");
        """;

    [Fact]
    public async Task A_split_run_completes_with_its_coordinating_node_killed_mid_range_and_nothing_applied_twice()
    {
        using var cluster = await TestCluster.StartAsync(3, new Dictionary<string, string> { ["welcome.csx"] = Rule + "\n" },
            new Dictionary<string, string>
            {
                ["RuleEngine__Cluster__RangeCustomers"] = RangeCustomers.ToString(),
                ["RuleEngine__Cluster__RangeLease"] = "00:00:03",
                ["RuleEngine__Cluster__Heartbeat"] = "00:00:00.500",
                ["RuleEngine__Runs__PageSize"] = PageSize.ToString(),
            });
        using var survivor = cluster.Client(0);
        using var victim = cluster.Client(1);
        var customers = Enumerable.Range(0, Customers).Select(i => new { id = $"p{i:D5}" }).ToArray();
        (await survivor.PostAsJsonAsync("/api/customers", customers)).EnsureSuccessStatusCode();

        var started = await victim.PostAsJsonAsync("/api/rules/welcome/runs", new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Kill node 2 once it is part-way through a range of its own.
        JsonElement held = default;
        await TestHost.Eventually.TrueAsync(async () =>
        {
            var view = await survivor.GetFromJsonAsync<JsonElement>("/api/cluster");
            var node2 = view.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "node2");
            var ranges = node2.GetProperty("ranges").EnumerateArray().Where(r => r.GetProperty("processed").GetInt64() > 0).ToList();
            if (ranges.Count > 0) held = ranges[0];
            return ranges.Count > 0;
        }, "node 2 to be part-way through a range");
        cluster.Nodes[1].Kill();
        output.WriteLine($"killed node 2 holding {held}");

        var run = await WaitForEndAsync(survivor, runId, TimeSpan.FromSeconds(120));
        output.WriteLine(run.ToString());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(Customers, run.GetProperty("progress").GetProperty("processed").GetInt64());
        Assert.Equal(Customers, run.GetProperty("counts").GetProperty("evaluated").GetInt64());
        // Pages applied by node 2 just before it died but not yet checkpointed are evaluated again and change nothing:
        // the counts may miss them, the stored points never do. Up to two: a page's records (its checkpoint) are queued
        // with the next page's outcomes, so both can be applied when the node dies before the records commit.
        Assert.InRange(run.GetProperty("counts").GetProperty("pointsEntries").GetInt64(), Customers - 2 * PageSize, Customers);

        await using var database = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var points = database.CreateCommand("SELECT count(DISTINCT customer_id), count(*), coalesce(sum(delta), 0) FROM points");
        await using var reader = await points.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((Customers, Customers, Customers * 10L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        await reader.CloseAsync();
        await using var again = database.CreateCommand($"SELECT count(*) FROM run_ranges WHERE run_id = '{runId}' AND attempts > 1");
        Assert.True((long)(await again.ExecuteScalarAsync())! >= 1, "the dead node's range was claimed again");
        var logs = await survivor.GetStringAsync($"/api/runs/{runId}/logs?limit=500");
        Assert.Contains("Run succeeded across", logs);
    }

    static async Task<JsonElement> WaitForEndAsync(HttpClient client, string runId, TimeSpan patience)
    {
        var giveUp = DateTime.UtcNow + patience;
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
            if (run.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled" or "interrupted") return run;
            Assert.True(DateTime.UtcNow < giveUp, $"run {runId} did not finish: {run}");
            await Task.Delay(250);
        }
    }
}
