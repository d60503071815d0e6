using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Preview;

/// <summary>
/// Preview across versions: a draft that lowers a threshold, against the live rule, on five customers whose spend puts
/// two of them between the thresholds (p2, p5): they move silver → gold and get gold's points and task under the draft.
/// </summary>
public class PreviewApiTests : IClassFixture<RuleEngineAppFactory>, IAsyncLifetime
{
    const string Live = """
        // kind: segmentation
        var spend = SpendWithin(365);
        var gold = spend >= 500m;
        SetSegment("grade", gold ? "gold" : "silver", $"spend {spend:0} against 500");
        if (gold)
        {
            AwardPoints(10, "gold-bonus", "gold grade");
            CreateTask("gold-call", Now.Date.AddDays(1), "phone", "welcome to gold", "gold grade");
        }
        """;

    static readonly string Draft = Live.Replace("500m", "150m").Replace("against 500", "against 150");

    readonly RuleEngineAppFactory _app;
    readonly HttpClient _ops, _analyst;

    public PreviewApiTests(RuleEngineAppFactory app)
    {
        _app = app;
        _ops = app.CreateClient("ops");
        _analyst = app.CreateClient("analyst");
    }

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_app.RulesPath, "grade-mix.csx"), Live);
        await _app.Services.GetRequiredService<RuleCatalog>().SyncAsync();
        var at = DateTime.UtcNow.AddDays(-5).ToString("O");
        await _ops.PostAsync("/api/customers", Json("""[{"id":"p1"},{"id":"p2"},{"id":"p3"},{"id":"p4"},{"id":"p5"}]"""));
        await _ops.PostAsync("/api/orders", Json($$"""
            [{"id":"po1","customerId":"p1","amount":900,"at":"{{at}}"},{"id":"po2","customerId":"p2","amount":200,"at":"{{at}}"},
             {"id":"po3","customerId":"p3","amount":50,"at":"{{at}}"},{"id":"po5","customerId":"p5","amount":300,"at":"{{at}}"}]
            """));
    }

    [Fact]
    public async Task Preview_reports_the_moves_points_and_tasks_that_two_dry_runs_show_and_writes_nothing()
    {
        var before = await StoredStateAsync();

        var preview = await FinishedAsync(await StartAsync(new { text = Draft }));

        Assert.Equal(("succeeded", "preview", true), (Text(preview, "status"), Text(preview, "mode"), preview.GetProperty("dryRun").GetBoolean()));
        Assert.Equal(5, preview.GetProperty("progress").GetProperty("processed").GetInt64());
        Assert.Equal(before, await StoredStateAsync());
        var impact = preview.GetProperty("impact");

        // The same two versions as dry runs, one after the other: live, then the draft saved as the rule (then live again).
        var liveRun = await DryRunAsync();
        Assert.Equal(HttpStatusCode.OK, (await PutRuleAsync("grade-mix", Draft)).StatusCode);
        var draftRun = await DryRunAsync();
        Assert.Equal(HttpStatusCode.OK, (await PutRuleAsync("grade-mix", Live)).StatusCode);

        Assert.Equal(NetPoints(draftRun), impact.GetProperty("points").GetProperty("draft").GetInt64());
        Assert.Equal(NetPoints(liveRun), impact.GetProperty("points").GetProperty("live").GetInt64());
        Assert.Equal((30, 10), (impact.GetProperty("points").GetProperty("draft").GetInt64(), impact.GetProperty("points").GetProperty("live").GetInt64()));
        Assert.Equal(draftRun.GetProperty("counts").GetProperty("tasksCreated").GetInt64(), impact.GetProperty("tasks").GetProperty("draft").GetInt64());
        Assert.Equal(liveRun.GetProperty("counts").GetProperty("tasksCreated").GetInt64(), impact.GetProperty("tasks").GetProperty("live").GetInt64());
        var expectedMoves = (await SegmentsAfterAsync(liveRun)).Join(await SegmentsAfterAsync(draftRun), l => l.Key, d => d.Key, (l, d) => (From: l.Value, To: d.Value))
            .Where(m => m.From != m.To).GroupBy(m => m).Select(g => $"grade {g.Key.From}->{g.Key.To} x{g.Count()}").Order().ToList();
        var moves = impact.GetProperty("moves").EnumerateArray()
            .Select(m => $"{Text(m, "kind")} {Text(m, "from")}->{Text(m, "to")} x{m.GetProperty("customers").GetInt64()}").Order().ToList();
        Assert.Equal(expectedMoves, moves);
        Assert.Equal(["grade silver->gold x2"], moves);

        var samples = impact.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(["p2", "p5"], samples.Select(s => Text(s, "customerId")).ToList());
        Assert.Equal("silver", Text(samples[0].GetProperty("live"), "segment:grade"));
        Assert.Equal("gold", Text(samples[0].GetProperty("draft"), "segment:grade"));
        Assert.Contains(samples[0].GetProperty("explanations").GetProperty("live").EnumerateArray(), e => e.GetString()!.Contains("spend 200 against 500"));
        Assert.Contains(samples[0].GetProperty("explanations").GetProperty("draft").EnumerateArray(), e => e.GetString()!.Contains("spend 200 against 150"));
    }

    [Fact]
    public async Task The_whole_delta_pages_with_live_and_draft_values_and_exports_as_csv()
    {
        var id = await StartAsync(new { text = Draft });
        await FinishedAsync(id);

        var first = await _analyst.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/outcomes?limit=2");
        var rest = await _analyst.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/outcomes?limit=100&cursor={Text(first, "nextCursor")}");
        var rows = first.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(6, rows.Count); // p2 and p5: segment, points, task each
        var segment = rows.Single(r => Text(r, "customerId") == "p5" && Text(r, "type") == "segment");
        Assert.Equal(("silver", "gold"), (Text(segment, "live"), Text(segment, "draft")));
        Assert.Contains("against 150", Text(segment, "draftBecause"));
        var points = rows.Single(r => Text(r, "customerId") == "p5" && Text(r, "type") == "points");
        Assert.Equal((null, "10"), (Text(points, "live"), Text(points, "draft")));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{id}/outcomes");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await _analyst.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("sequence,customerId,type,target,from,to,because,live,draft,liveBecause,draftBecause", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("\"", StringComparison.Ordinal) && l.Contains("\"p2\",\"segment\",\"grade\",\"silver\",\"gold\""));
    }

    [Fact]
    public async Task Replay_takes_the_past_runs_as_of_time_and_customers()
    {
        var asOf = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var past = await (await _ops.PostAsJsonAsync("/api/rules/grade-mix/runs", new { dryRun = true, asOf, customerIds = new[] { "p2", "p3" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var pastRun = await FinishedAsync(Text(past, "id")!);

        var replay = await FinishedAsync(await StartAsync(new { text = Draft, runId = Text(pastRun, "id") }));

        Assert.Equal(pastRun.GetProperty("asOf").GetDateTime(), replay.GetProperty("asOf").GetDateTime());
        Assert.Equal(["p2", "p3"], replay.GetProperty("customerIds").EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.Equal(Text(pastRun, "id"), Text(replay.GetProperty("preview"), "replayOf"));
        Assert.Equal(2, replay.GetProperty("progress").GetProperty("total").GetInt64());
        Assert.Equal(["p2"], replay.GetProperty("impact").GetProperty("samples").EnumerateArray().Select(s => Text(s, "customerId")).ToList());

        // Six days ago nobody had ordered yet: both versions say silver for everyone, nothing differs.
        var early = await (await _ops.PostAsJsonAsync("/api/rules/grade-mix/runs", new { dryRun = true, asOf = DateTime.UtcNow.AddDays(-6).ToString("O") }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var earlyReplay = await FinishedAsync(await StartAsync(new { text = Draft, runId = Text(await FinishedAsync(Text(early, "id")!), "id") }));
        Assert.Equal(0, earlyReplay.GetProperty("impact").GetProperty("customersDiffering").GetInt64());
    }

    [Fact]
    public async Task An_analyst_cancels_a_running_preview()
    {
        var spinning = Live.Replace("var spend = SpendWithin(365);", "var spend = SpendWithin(365); var n = 0L; while (Now > DateTime.MinValue) { n++; }");
        var id = await StartAsync(new { text = spinning });
        await Eventually.TrueAsync(async () => Text(await _analyst.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"), "status") == "running", "the preview to start");

        var cancel = await _analyst.PostAsync($"/api/runs/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", Text(await FinishedAsync(id), "status"));
    }

    [Fact]
    public async Task Bad_previews_are_refused_with_a_problem_that_says_why()
    {
        using var auditor = _app.CreateClient("auditor");
        var pastId = Text(await FinishedAsync(Text(await (await _ops.PostAsJsonAsync("/api/rules/grade-mix/runs", new { dryRun = true }))
            .Content.ReadFromJsonAsync<JsonElement>(), "id")!), "id");

        var broken = await _analyst.PostAsJsonAsync("/api/rules/grade-mix/preview", new { text = "// kind: segmentation\nSetSegment(\"grade\", 42, \"x\");\n" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        var diagnostic = (await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray().First();
        Assert.Equal(("error", "grade-mix.csx", 2), (Text(diagnostic, "severity"), Text(diagnostic, "path"), diagnostic.GetProperty("line").GetInt32()));
        Assert.True(diagnostic.GetProperty("column").GetInt32() > 0);

        Assert.Equal(HttpStatusCode.NotFound, (await _analyst.PostAsJsonAsync("/api/rules/nope/preview", new { text = Draft })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _analyst.PostAsJsonAsync("/api/rules/grade-mix/preview", new { text = Draft, runId = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _analyst.PostAsJsonAsync("/api/rules/grade-mix/preview",
            new { text = Draft, runId = pastId, asOf = DateTime.UtcNow.AddDays(-1) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _analyst.PostAsJsonAsync("/api/rules/grade-mix/preview", new { text = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/rules/grade-mix/preview", new { text = Draft })).StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_captured_case_passes_against_the_draft_and_fails_against_live()
    {
        var id = await StartAsync(new { text = Draft });
        await FinishedAsync(id);

        var response = await _analyst.PostAsJsonAsync("/api/rules/grade-mix/tests/capture", new { runId = id, customerId = "p2" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var captured = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(captured.GetProperty("passes").GetBoolean());
        var testCase = JsonNode.Parse(captured.GetProperty("case").GetRawText())!;
        Assert.Equal(200m, testCase["orders"]![0]!["amount"]!.GetValue<decimal>());
        Assert.Equal(3, testCase["expect"]!.AsArray().Count);
        var file = new JsonObject { ["cases"] = new JsonArray(testCase) }.ToJsonString();

        // The case as a tests file beside the draft makes the draft active (its tests pass); beside live it is refused.
        Assert.Equal(HttpStatusCode.OK, (await PutRuleAsync("capture-draft", Draft)).StatusCode);
        var draftTests = await _analyst.PutAsync("/api/rules/capture-draft/tests", Json(file));
        Assert.Equal(HttpStatusCode.OK, draftTests.StatusCode);
        Assert.Equal(file, Text(await _analyst.GetFromJsonAsync<JsonElement>("/api/rules/capture-draft/tests"), "content"));
        Assert.Equal(HttpStatusCode.OK, (await PutRuleAsync("capture-live", Live)).StatusCode);
        var liveTests = await _analyst.PutAsync("/api/rules/capture-live/tests", Json(file));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, liveTests.StatusCode);
        Assert.Contains("failed", (await liveTests.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.NotFound, (await _analyst.PostAsJsonAsync("/api/rules/grade-mix/tests/capture", new { runId = id, customerId = "nobody" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _analyst.PostAsJsonAsync("/api/rules/grade-mix/tests/capture", new { runId = "nope", customerId = "p2" })).StatusCode);
    }

    async Task<string> StartAsync(object body)
    {
        var response = await _analyst.PostAsJsonAsync("/api/rules/grade-mix/preview", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = Text(await response.Content.ReadFromJsonAsync<JsonElement>(), "id")!;
        Assert.Equal($"/api/runs/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    async Task<JsonElement> DryRunAsync() =>
        await FinishedAsync(Text(await (await _ops.PostAsJsonAsync("/api/rules/grade-mix/runs", new { dryRun = true })).Content.ReadFromJsonAsync<JsonElement>(), "id")!);

    /// <summary>Each customer's grade after a dry run: its change, else what is stored (nothing here: no real run ever ran).</summary>
    async Task<Dictionary<string, string?>> SegmentsAfterAsync(JsonElement run)
    {
        var outcomes = await _ops.GetFromJsonAsync<JsonElement>($"/api/runs/{Text(run, "id")}/outcomes?limit=1000");
        var after = new[] { "p1", "p2", "p3", "p4", "p5" }.ToDictionary(c => c, c => (string?)null);
        foreach (var o in outcomes.GetProperty("items").EnumerateArray().Where(o => Text(o, "type") == "segment")) after[Text(o, "customerId")!] = Text(o, "to");
        return after;
    }

    static long NetPoints(JsonElement run) =>
        run.GetProperty("impact").GetProperty("pointsAwarded").GetInt64() - run.GetProperty("impact").GetProperty("pointsDeducted").GetInt64();

    /// <summary>What a preview must not touch: segments, follow-ups and every customer's points.</summary>
    async Task<string> StoredStateAsync()
    {
        var parts = new List<string> { await _ops.GetStringAsync("/api/segments"), await _ops.GetStringAsync("/api/followups?limit=1000") };
        foreach (var c in new[] { "p1", "p2", "p3", "p4", "p5" }) parts.Add(await _ops.GetStringAsync($"/api/customers/{c}/points"));
        return string.Join("\n", parts);
    }

    Task<HttpResponseMessage> PutRuleAsync(string name, string text) =>
        _analyst.PutAsync($"/api/rules/{name}", new StringContent(text, Encoding.UTF8, "text/plain"));

    async Task<JsonElement> FinishedAsync(string id)
    {
        // Waits for the background worker; the bound only keeps a broken build from hanging the suite.
        for (var i = 0; i < 600; i++)
        {
            var run = await _analyst.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (Text(run, "status") is not ("pending" or "running")) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Run {id} did not finish.");
    }

    static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public Task DisposeAsync() => Task.CompletedTask;
}
