using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Server.Tests.Watching;

/// <summary>Segment counts and trends from the counts kept with every change, checked against a recount of the stays.</summary>
public class SegmentTrendApiTests : IDisposable
{
    readonly RuleEngineAppFactory _app = new();
    readonly HttpClient _ops;
    readonly HttpClient _analyst;

    public SegmentTrendApiTests()
    {
        _ops = _app.CreateClient("ops");
        _analyst = _app.CreateClient("analyst");
    }

    public void Dispose() => _app.Dispose();

    const string ByThreshold = """
        // kind: segmentation
        var spend = SpendWithin(365);
        SetSegment("tier", spend >= {0}m ? "gold" : spend > 0m ? "silver" : "none", $"spend {spend:N0}");
        """;

    async Task SeedAsync()
    {
        var at = DateTime.UtcNow.AddDays(-3).ToString("O");
        await _ops.PostJson("/api/customers", """[{"id":"t1"},{"id":"t2"},{"id":"t3"},{"id":"t4"}]""");
        await _ops.PostJson("/api/orders", $$"""
            [{"id":"o1","customerId":"t1","amount":900,"at":"{{at}}"},{"id":"o2","customerId":"t2","amount":300,"at":"{{at}}"},
             {"id":"o3","customerId":"t3","amount":40,"at":"{{at}}"}]
            """);
    }

    async Task<string> PutRuleAsync(int threshold)
    {
        var response = await _analyst.PutAsync("/api/rules/tiers", new StringContent(ByThreshold.Replace("{0}", threshold.ToString()), System.Text.Encoding.UTF8, "text/plain"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionHash").GetString()!;
    }

    async Task AssertCountsEqualRecountAsync()
    {
        var listed = (await _ops.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray()
            .ToDictionary(s => $"{s.GetProperty("kind").GetString()}:{s.GetProperty("value").GetString()}", s => s.GetProperty("members").GetInt64());
        var recount = _app.Services.GetService<RuleEngine.Storage.Postgres.PostgresDatabase>() is { } postgres
            ? postgres.Read(c =>
            {
                using var count = new Npgsql.NpgsqlCommand("SELECT kind || ':' || value, count(*) FROM segments WHERE is_open GROUP BY 1", c);
                using var reader = count.ExecuteReader();
                var counts = new Dictionary<string, long>();
                while (reader.Read()) counts[reader.GetString(0)] = reader.GetInt64(1);
                return counts;
            })
            : _app.Services.GetRequiredService<LiteDatabase>().GetCollection(LiteDbCollections.Segments).FindAll()
                .Where(s => s["LeftAt"].IsNull).GroupBy(s => $"{s["Kind"].AsString}:{s["Value"].AsString}").ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(recount.OrderBy(r => r.Key), listed.OrderBy(l => l.Key));
    }

    [Fact]
    public async Task Segment_counts_equal_a_recount_after_runs_reruns_and_rollbacks()
    {
        await SeedAsync();
        var first = await PutRuleAsync(500);
        var run1 = await _ops.RunToEndAsync("tiers");
        await AssertCountsEqualRecountAsync();

        await PutRuleAsync(100);
        await _ops.RunToEndAsync("tiers");
        await AssertCountsEqualRecountAsync();
        var gold = (await _ops.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray().Single(s => s.GetProperty("value").GetString() == "gold");
        Assert.Equal(2, gold.GetProperty("members").GetInt64());

        var rerun = await _ops.PostAsync($"/api/runs/{run1}/rerun", null);
        await _ops.FinishedRunAsync((await rerun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        await AssertCountsEqualRecountAsync();

        await PutRuleAsync(50);
        await _ops.RunToEndAsync("tiers");
        (await _analyst.PostAsJsonAsync("/api/rules/tiers/rollback", new { versionHash = first })).EnsureSuccessStatusCode();
        await _ops.RunToEndAsync("tiers");
        await AssertCountsEqualRecountAsync();
    }

    [Fact]
    public async Task The_trend_shows_members_per_value_per_bucket()
    {
        await SeedAsync();
        await PutRuleAsync(500);
        await _ops.RunToEndAsync("tiers");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var weekAgo = DateTime.UtcNow.AddDays(-7).ToString("yyyy-MM-dd");

        var daily = await _ops.GetFromJsonAsync<JsonElement>($"/api/segments/tier/trend?from={weekAgo}&to={today}&bucket=day");
        var monthly = await _ops.GetFromJsonAsync<JsonElement>("/api/segments/tier/trend?bucket=month");

        var points = daily.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(8, points.Count);
        Assert.Equal(0, points[0].GetProperty("members").TryGetProperty("gold", out var before) ? before.GetInt64() : 0);
        Assert.Equal(1, points[^1].GetProperty("members").GetProperty("gold").GetInt64());
        Assert.Equal(2, points[^1].GetProperty("members").GetProperty("silver").GetInt64());
        Assert.Equal(12, monthly.GetProperty("points").GetArrayLength());
        Assert.Equal(["gold", "none", "silver"], daily.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData("/api/segments/tier/trend?bucket=year", HttpStatusCode.BadRequest, "bucket")]
    [InlineData("/api/segments/tier/trend?bucket=1", HttpStatusCode.BadRequest, "bucket")]
    [InlineData("/api/segments/tier/trend?from=2026-11-02&to=2026-11-01", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/segments/tier/trend?from=last-week", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/segments/tier/trend?from=2000-01-01&to=2026-01-01&bucket=day", HttpStatusCode.BadRequest, "bucket")]
    [InlineData("/api/segments/no-such-kind/trend", HttpStatusCode.NotFound, null)]
    public async Task Bad_trend_requests_are_refused(string path, HttpStatusCode status, string? field)
    {
        await SeedAsync();
        await PutRuleAsync(500);
        await _ops.RunToEndAsync("tiers");

        var response = await _ops.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        if (field is not null) Assert.NotNull((await response.Json())["errors"]![field]);
    }
}
