using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Demo;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Data;

public sealed class DemoSeededAppFactory : RuleEngineAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RuleEngine:SeedDemoData"] = "true",
        ["RuleEngine:Demo:Customers"] = "150",
    };
}

public sealed class DemoSeedingTests : IClassFixture<DemoSeededAppFactory>
{
    private readonly DemoSeededAppFactory _app;

    public DemoSeedingTests(DemoSeededAppFactory app) => _app = app;

    [Fact]
    public async Task An_empty_database_is_seeded_with_the_configured_number_of_demo_customers()
    {
        // Ops see names in full (analysts see them masked: docs/operations.md, "Personal data per role").
        var client = _app.CreateClient("ops");

        var first = await client.GetFromJsonAsync<JsonObject>($"/api/customers/{DemoDataGenerator.CustomerId(0)}");

        Assert.Equal(150, _app.Services.GetRequiredService<ICustomerStore>().Count());
        Assert.Equal(new DemoDataGenerator().Customer(0).Customer.Name, first!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{DemoDataGenerator.CustomerId(150)}")).StatusCode);
        var orders = _app.Services.GetRequiredService<ICustomerStream>().ReadPages(200).Single().Sum(c => c.Orders.Count);
        Assert.Equal(new DemoDataGenerator().Generate(150).Sum(c => c.Orders.Count), orders);
    }
}
