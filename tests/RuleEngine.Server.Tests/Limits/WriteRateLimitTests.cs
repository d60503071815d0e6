using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RuleEngine.Server.Limits;
using RuleEngine.Server.Security;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Limits;

public class WriteRateLimitTests : IAsyncLifetime
{
    private ProbeHost host = null!;

    public async Task InitializeAsync() => host = await ProbeHost.StartAsync(app =>
        app.MapPost("/probe/writes", () => TypedResults.NoContent())
            .RequireAuthorization(Policies.Ingest)
            .RequireRateLimiting(RateLimits.Writes)
            .WithSummary("probe"),
        new Dictionary<string, string?>
        {
            ["RuleEngine:Limits:WritesPerWindow"] = "2",
            ["RuleEngine:Limits:WriteWindowSeconds"] = "3600",
        });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Writes_beyond_the_quota_are_refused_with_429_and_retry_after()
    {
        using var client = host.CreateClient("ops");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/probe/writes", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/probe/writes", null)).StatusCode);

        var refused = await client.PostAsync("/probe/writes", null);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("test-ops", problem.Detail());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells when to retry");
    }

    [Fact]
    public async Task Each_key_has_its_own_quota()
    {
        using var ops = host.CreateClient("ops");
        using var admin = host.CreateClient("admin");
        for (var i = 0; i < 3; i++) await ops.PostAsync("/probe/writes", null);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/probe/writes", null)).StatusCode);
    }
}
