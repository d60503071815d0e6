using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// The real server for the fuzz, with a rule, a customer, a finished run and a segment to aim at, and a write
/// rate limit high enough that every generated write reaches its endpoint instead of a 429.
/// </summary>
public sealed class FuzzServer : RuleEngineAppFactory, IAsyncLifetime
{
    public FuzzWorld World { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RuleEngine:Limits:WritesPerWindow"] = "1000000",
    };

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(RulesPath, FuzzWorld.RuleName + ".csx"),
            "// kind: segmentation\nSetSegment(\"fuzz\", \"member\", \"every customer\");\n");
        await Services.GetRequiredService<RuleCatalog>().SyncAsync();
        using var ops = CreateClient("ops");
        var customer = await ops.PostAsync("/api/customers",
            new StringContent($$"""[{"id":"{{FuzzWorld.CustomerId}}"}]""", Encoding.UTF8, "application/json"));
        customer.EnsureSuccessStatusCode();
        var run = await ops.PostAsJsonAsync($"/api/rules/{FuzzWorld.RuleName}/runs", new { });
        World.RunId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () =>
            (await ops.GetFromJsonAsync<JsonElement>($"/api/runs/{World.RunId}")).GetProperty("status").GetString() == "succeeded",
            "the fuzz target's first run to succeed");
        var rule = await ops.GetFromJsonAsync<JsonElement>($"/api/rules/{FuzzWorld.RuleName}");
        World.VersionHash = rule.GetProperty("versionHash").GetString()!;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
