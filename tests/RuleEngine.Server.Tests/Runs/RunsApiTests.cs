using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Runs;

/// <summary>Ops trigger, watch and cancel runs over REST; analysts dry-run; everyone reads runs, logs and outcomes.</summary>
public class RunsApiTests : IClassFixture<RuleEngineAppFactory>, IAsyncLifetime
{
    readonly RuleEngineAppFactory _app;
    readonly HttpClient _ops;

    public RunsApiTests(RuleEngineAppFactory app)
    {
        _app = app;
        _ops = app.CreateClient("ops");
    }

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_app.RulesPath, "grade.csx"), """
            // kind: segmentation
            var spend = SpendWithin(365);
            SetSegment("grade", spend >= 500m ? "A" : "B", $"spend {spend:N0} in 365 d");
            """);
        await File.WriteAllTextAsync(Path.Combine(_app.RulesPath, "broken.csx"), "// kind: reward\nnot C#\n");
        await _app.Services.GetRequiredService<RuleCatalog>().SyncAsync();
        var at = DateTime.UtcNow.AddDays(-5).ToString("O");
        await _ops.PostAsync("/api/customers", Json("""[{"id":"r1"},{"id":"r2"},{"id":"r3"}]"""));
        await _ops.PostAsync("/api/orders", Json($$"""[{"id":"ro1","customerId":"r1","amount":900,"at":"{{at}}"},{"id":"ro2","customerId":"r2","amount":20,"at":"{{at}}"}]"""));
    }

    [Fact]
    public async Task Triggered_run_is_accepted_then_succeeds_with_counts_logs_and_outcomes()
    {
        // A rule of its own: the other tests of this class run "grade" and would leave nothing to change.
        await File.WriteAllTextAsync(Path.Combine(_app.RulesPath, "first-grade.csx"),
            "// kind: segmentation\nSetSegment(\"first\", SpendWithin(365) > 0 ? \"buyer\" : \"none\", \"test\");\n");
        await _app.Services.GetRequiredService<RuleCatalog>().SyncAsync();

        var response = await _ops.PostAsJsonAsync("/api/rules/first-grade/runs", new { });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/runs/{id}", response.Headers.Location?.OriginalString);
        var run = await WaitForFinishAsync(id);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("manual", run.GetProperty("trigger").GetString());
        Assert.Equal("test-ops", run.GetProperty("triggeredBy").GetString());
        Assert.Equal(3, run.GetProperty("counts").GetProperty("evaluated").GetInt64());
        Assert.Equal(3, run.GetProperty("progress").GetProperty("total").GetInt64());
        Assert.Equal(64, run.GetProperty("versionHash").GetString()!.Length);

        var logs = await _ops.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/logs");
        Assert.Contains(logs.GetProperty("items").EnumerateArray(), l => l.GetProperty("message").GetString()!.StartsWith("Run succeeded"));
        var outcomes = await _ops.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/outcomes?limit=1");
        Assert.Single(outcomes.GetProperty("items").EnumerateArray());
        Assert.NotNull(outcomes.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task Analyst_may_dry_run_but_not_run_for_real()
    {
        using var analyst = _app.CreateClient("analyst");

        var real = await analyst.PostAsJsonAsync("/api/rules/grade/runs", new { dryRun = false });
        var dry = await analyst.PostAsJsonAsync("/api/rules/grade/runs", new { dryRun = true, customerIds = new[] { "r1" } });

        Assert.Equal(HttpStatusCode.Forbidden, real.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, dry.StatusCode);
        var run = await WaitForFinishAsync((await dry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        Assert.True(run.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, run.GetProperty("counts").GetProperty("evaluated").GetInt64());
        Assert.Equal(JsonValueKind.Object, run.GetProperty("impact").ValueKind);
    }

    [Theory]
    [InlineData("/api/rules/nope/runs", "{}", HttpStatusCode.NotFound)]
    [InlineData("/api/rules/broken/runs", "{}", HttpStatusCode.Conflict)]
    [InlineData("/api/rules/grade/runs", """{"asOf":"2999-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/rules/grade/runs", """{"dryRun":"yes"}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/rules/grade/runs", """{"customerIds":[""]}""", HttpStatusCode.BadRequest)]
    public async Task Bad_trigger_is_a_problem_that_says_why(string path, string body, HttpStatusCode expected)
    {
        var response = await _ops.PostAsync(path, Json(body));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cancelling_a_finished_run_is_a_conflict_and_an_unknown_run_is_404()
    {
        var id = (await (await _ops.PostAsJsonAsync("/api/rules/grade/runs", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForFinishAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, (await _ops.PostAsync($"/api/runs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.PostAsync("/api/runs/nope/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.GetAsync("/api/runs/nope")).StatusCode);
    }

    [Fact]
    public async Task Rerun_applies_nothing_twice()
    {
        var id = (await (await _ops.PostAsJsonAsync("/api/rules/grade/runs", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForFinishAsync(id);

        var rerun = await _ops.PostAsync($"/api/runs/{id}/rerun", null);
        var run = await WaitForFinishAsync((await rerun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);

        Assert.Equal(("rerun", id), (run.GetProperty("trigger").GetString(), run.GetProperty("rerunOf").GetString()));
        Assert.Equal(0, run.GetProperty("counts").GetProperty("segmentChanges").GetInt64());
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_filtered_and_paged()
    {
        for (var i = 0; i < 3; i++)
            await WaitForFinishAsync((await (await _ops.PostAsJsonAsync("/api/rules/grade/runs", new { dryRun = true })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);

        var page = await _ops.GetFromJsonAsync<JsonElement>("/api/runs?rule=grade&status=succeeded&limit=2");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.True(items[0].GetProperty("createdAt").GetDateTime() >= items[1].GetProperty("createdAt").GetDateTime());
        var next = await _ops.GetFromJsonAsync<JsonElement>($"/api/runs?rule=grade&status=succeeded&limit=2&cursor={page.GetProperty("nextCursor").GetString()}");
        Assert.DoesNotContain(next.GetProperty("items").EnumerateArray(), r => items.Any(i => i.GetProperty("id").GetString() == r.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await _ops.GetAsync("/api/runs?status=done")).StatusCode);
    }

    async Task<JsonElement> WaitForFinishAsync(string id)
    {
        // Waits for the background worker; the bound only keeps a broken build from hanging the suite.
        for (var i = 0; i < 300; i++)
        {
            var run = await _ops.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (run.GetProperty("status").GetString() is not ("pending" or "running")) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Run {id} did not finish.");
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public Task DisposeAsync() => Task.CompletedTask;
}
