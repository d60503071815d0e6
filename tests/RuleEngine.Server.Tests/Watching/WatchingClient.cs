using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Watching;

/// <summary>What the watching tests share: writing a rule, running it and waiting for the run to end.</summary>
public static class WatchingClient
{
    public static async Task WriteRuleAsync(this RuleEngineAppFactory app, string name, string source)
    {
        await File.WriteAllTextAsync(Path.Combine(app.RulesPath, $"{name}.csx"), source);
        await app.Services.GetRequiredService<RuleCatalog>().SyncAsync();
    }

    public static async Task<string> StartRunAsync(this HttpClient ops, string rule, object? body = null)
    {
        var response = await ops.PostAsJsonAsync($"/api/rules/{rule}/runs", body ?? new { });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> FinishedRunAsync(this HttpClient client, string id)
    {
        JsonElement run = default;
        await Eventually.TrueAsync(async () =>
        {
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            return run.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled" or "interrupted";
        }, $"run {id} to finish");
        return run;
    }

    public static async Task<string> RunToEndAsync(this HttpClient ops, string rule, object? body = null)
    {
        var id = await ops.StartRunAsync(rule, body);
        Assert.Equal("succeeded", (await ops.FinishedRunAsync(id)).GetProperty("status").GetString());
        return id;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
