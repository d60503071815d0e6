using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Runs;

/// <summary>A full run queue answers a trigger with 429 and Retry-After, like the write limiter, instead of growing a backlog.</summary>
public class RunQueueLimitTests
{
    [Fact]
    public async Task A_trigger_while_the_queue_is_full_is_a_429_with_retry_after_and_saves_no_run()
    {
        await using var app = new QueueLimitedFactory();
        await File.WriteAllTextAsync(Path.Combine(app.RulesPath, "grade.csx"), "// kind: segmentation\nSetSegment(\"grade\", \"A\", \"always\");\n");
        await app.Services.GetRequiredService<RuleCatalog>().SyncAsync();
        using var ops = app.CreateClient("ops");

        using var response = await ops.PostAsJsonAsync("/api/rules/grade/runs", new { dryRun = true });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Contains("dry runs and previews are waiting", await response.Content.ReadAsStringAsync());
        var runs = await ops.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/runs?rule=grade");
        Assert.Equal(0, runs.GetProperty("items").GetArrayLength());
    }

    sealed class QueueLimitedFactory : RuleEngineAppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RuleEngine:Runs:MaxQueuedRuns"] = "0" };
    }
}
