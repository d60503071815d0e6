using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;
using RuleEngine.Triggers;

namespace RuleEngine.Server.Tests.Triggers;

/// <summary>The server with a short batch window, and the helpers the trigger tests share.</summary>
public class TriggerTestApp : RuleEngineAppFactory
{
    /// <summary>Triggered runs at once (<c>RuleEngine:Triggers:MaxConcurrentRuns</c>).</summary>
    public int Lane { get; init; } = 1;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RuleEngine:Triggers:BatchWindow"] = "00:00:00.010",
        ["RuleEngine:Triggers:PollInterval"] = "00:00:00.200",
        ["RuleEngine:Triggers:RetryDelay"] = "00:00:00.200",
        ["RuleEngine:Triggers:MaxConcurrentRuns"] = Lane.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public TriggerDispatcher Dispatcher => Services.GetRequiredService<TriggerDispatcher>();

    public async Task WriteRuleAsync(string file, string text)
    {
        var path = Path.Combine(RulesPath, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);
        await Services.GetRequiredService<RuleCatalog>().SyncAsync();
    }

    /// <summary>Waits until no entry of the given kinds is left in the outbox and the dispatcher is between batches.</summary>
    public Task DrainedAsync(params string[] kinds) => Eventually.TrueAsync(() =>
        Task.FromResult(Services.GetRequiredService<ITriggerOutbox>().Backlog(kinds).All(b => b.Customers == 0)), "the trigger outbox to drain");

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path);

    public static async Task<List<JsonElement>> PointsAsync(HttpClient client, string customer) =>
        (await GetJsonAsync(client, $"/api/customers/{customer}/points?limit=500")).GetProperty("items").EnumerateArray().ToList();

    public static async Task<List<JsonElement>> EventRunsAsync(HttpClient client, string rule) =>
        (await GetJsonAsync(client, $"/api/runs?trigger=event&rule={rule}&limit=500")).GetProperty("items").EnumerateArray().ToList();

    public static string Order(string id, string customer, decimal amount, DateTime at, string status = "paid") =>
        IngestClient.Ndjson(new { id, customerId = customer, amount, at = at.ToString("O"), status });
}
