using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Watching;

/// <summary>Points earned, spent and expired per bucket over REST, from the day totals kept with the ledger.</summary>
public class PointsTrendApiTests : IDisposable
{
    readonly RuleEngineAppFactory _app = new();
    readonly HttpClient _ops;
    readonly HttpClient _analyst;

    public PointsTrendApiTests()
    {
        _ops = _app.CreateClient("ops");
        _analyst = _app.CreateClient("analyst");
    }

    public void Dispose() => _app.Dispose();

    const string EarnAndExpire = """
        // kind: reward
        AwardPoints(100, "welcome", "welcome bonus");
        if (Customer.Id == "p1") ExpirePoints(30, "expire:test", "unused points expire");
        """;

    [Fact]
    public async Task Points_earned_and_expired_by_a_run_show_in_this_weeks_bucket()
    {
        await _ops.PostJson("/api/customers", """[{"id":"p1"},{"id":"p2"},{"id":"p3"}]""");
        (await _analyst.PutAsync("/api/rules/welcome", new StringContent(EarnAndExpire, System.Text.Encoding.UTF8, "text/plain"))).EnsureSuccessStatusCode();
        await _ops.RunToEndAsync("welcome");
        await _ops.RunToEndAsync("welcome");   // a second run pays nothing twice

        var weekly = await _ops.GetFromJsonAsync<JsonElement>("/api/points/trend?bucket=week");

        var weeks = weekly.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(12, weeks.Count);
        Assert.Equal((300L, 0L, 30L), (weeks[^1].GetProperty("earned").GetInt64(), weeks[^1].GetProperty("spent").GetInt64(), weeks[^1].GetProperty("expired").GetInt64()));
        Assert.All(weeks[..^1], w => Assert.Equal(0, w.GetProperty("earned").GetInt64()));
        Assert.Equal("week", weekly.GetProperty("bucket").GetString(), ignoreCase: true);
    }

    [Theory]
    [InlineData("/api/points/trend?bucket=fortnight", "bucket")]
    [InlineData("/api/points/trend?from=2026-11-02&to=2026-11-01", "from")]
    [InlineData("/api/points/trend?to=yesterday", "to")]
    [InlineData("/api/points/trend?from=1990-01-01&to=2026-01-01&bucket=week", "bucket")]
    public async Task Bad_ranges_are_refused_naming_the_field(string path, string field)
    {
        var response = await _ops.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Json())["errors"]![field]);
    }
}
