using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Demo;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;
using RuleEngine.Storage.Postgres;
using RuleEngine.Testing;

namespace RuleEngine.Server.Tests.Data;

/// <summary>The whole server on PostgreSQL: its own throwaway server and database, the demo data seeded.</summary>
public class PostgresAppFactory : RuleEngineAppFactory
{
    readonly TemporaryPostgres _postgres = TemporaryPostgres.Start();

    public PostgresAppFactory() => ConnectionString = _postgres.CreateDatabase("ruleengine");

    public string ConnectionString { get; }

    public TemporaryPostgres Postgres => _postgres;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RuleEngine:Storage:Provider"] = "postgres",
        ["RuleEngine:Storage:ConnectionString"] = ConnectionString,
        ["RuleEngine:SeedDemoData"] = "true",
        ["RuleEngine:Demo:Customers"] = "150",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _postgres.Dispose();
    }
}

[Trait("Backend", "postgres")]
public sealed class PostgresServerTests(PostgresAppFactory app) : IClassFixture<PostgresAppFactory>
{
    [Fact]
    public async Task The_demo_is_seeded_and_the_audit_chain_verifies_on_PostgreSQL()
    {
        var ops = app.CreateClient("ops");

        var first = await ops.GetFromJsonAsync<JsonObject>($"/api/customers/{DemoDataGenerator.CustomerId(0)}");

        Assert.IsType<PostgresDatabase>(app.Services.GetRequiredService<IStorageHealth>());
        Assert.Equal(150, app.Services.GetRequiredService<ICustomerStore>().Count());
        Assert.Equal(new DemoDataGenerator().Customer(0).Customer.Name, first!["name"]!.GetValue<string>());
        var verified = await app.CreateClient("auditor").GetFromJsonAsync<JsonObject>("/api/audit/verify");
        Assert.True(verified!["ok"]!.GetValue<bool>(), verified.ToJsonString());
        // Readiness follows start-up (the scheduler joins its job store on PostgreSQL in the background; a loaded CI
        // machine once asked before it had): it must come, and the last answer says which check held it back.
        var (status, body) = (HttpStatusCode.ServiceUnavailable, "");
        for (var giveUp = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < giveUp; await Task.Delay(200))
        {
            using var ready = await ops.GetAsync("/health/ready");
            (status, body) = (ready.StatusCode, await ready.Content.ReadAsStringAsync());
            if (status == HttpStatusCode.OK) break;
        }
        Assert.True(status == HttpStatusCode.OK, $"/health/ready answered {(int)status}: {body}");
    }

    [Fact]
    public async Task An_ingested_order_is_stored_once_and_a_repeat_replaces_it()
    {
        var ops = app.CreateClient("ops");
        var order = new { id = "pg-o-1", customerId = DemoDataGenerator.CustomerId(1), amount = 120.5m, at = "2026-11-20T10:00:00Z" };

        var firstIngest = await ops.PostAsJsonAsync("/api/orders", new[] { order });
        var again = await ops.PostAsJsonAsync("/api/orders", new[] { order with { amount = 99m } });

        Assert.True(firstIngest.IsSuccessStatusCode, await firstIngest.Content.ReadAsStringAsync());
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        var stored = app.Services.GetRequiredService<IOrderStore>().ForCustomer(DemoDataGenerator.CustomerId(1)).Where(o => o.Id == "pg-o-1").ToList();
        Assert.Equal(99m, Assert.Single(stored).Amount);
    }
}
