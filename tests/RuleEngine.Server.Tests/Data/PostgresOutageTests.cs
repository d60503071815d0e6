using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RuleEngine.Demo;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Data;

/// <summary>
/// PostgreSQL going away for a few seconds (a restart, a failover, the network): the server refuses what it cannot
/// store with a clear 503, stays up (no background service takes the host down), says so on readiness, and serves
/// again once the database is back, with everything acknowledged before the outage still there.
/// </summary>
[Trait("Backend", "postgres")]
public sealed class PostgresOutageTests(PostgresAppFactory app) : IClassFixture<PostgresAppFactory>
{
    [Fact]
    public async Task The_server_outlives_a_database_restart_and_loses_nothing_it_acknowledged()
    {
        var ops = app.CreateClient("ops");
        var customer = DemoDataGenerator.CustomerId(3);
        var before = await ops.PostAsJsonAsync("/api/orders", new[] { new { id = "outage-o1", customerId = customer, amount = 10m, at = "2026-11-20T10:00:00Z" } });
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var restart = Task.Run(() => app.Postgres.Restart(TimeSpan.FromSeconds(4)));
        await Task.Delay(1500);
        var during = await ops.PostAsJsonAsync("/api/orders", new[] { new { id = "outage-o2", customerId = customer, amount = 20m, at = "2026-11-20T11:00:00Z" } });
        var readyDuring = await ops.GetAsync("/health/ready");
        await restart;

        Assert.True(during.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"an order that cannot be stored is refused as unavailable: {(int)during.StatusCode} {await during.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuring.StatusCode);
        await Eventually.TrueAsync(async () => (await ops.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "readiness after the restart");
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the host kept running");
        var after = await ops.PostAsJsonAsync("/api/orders", new[] { new { id = "outage-o3", customerId = customer, amount = 30m, at = "2026-11-20T12:00:00Z" } });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var orders = app.Services.GetRequiredService<IOrderStore>().ForCustomer(customer).Select(o => o.Id).ToList();
        Assert.Contains("outage-o1", orders);
        Assert.Contains("outage-o3", orders);
    }
}
