using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Server.Data;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Audit;

/// <summary>What the audit log records of the actions people and the server take, read back over REST.</summary>
public sealed class AuditApiTests : IDisposable
{
    static readonly DateTime At = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
    readonly RuleEngineAppFactory _app = new();
    readonly HttpClient _auditor;
    readonly HttpClient _ops;

    public AuditApiTests()
    {
        _auditor = _app.CreateClient("auditor");
        _ops = _app.CreateClient("ops");
    }

    public void Dispose() => _app.Dispose();

    async Task<List<JsonElement>> EntriesAsync(string query = "")
    {
        var page = await _auditor.GetFromJsonAsync<JsonElement>($"/api/audit?limit=1000{query}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    static string Detail(JsonElement entry, string name) => entry.GetProperty("details").GetProperty(name).ToString();

    [Fact]
    public async Task A_rule_saved_over_the_api_is_recorded_with_actor_source_hash_and_diff()
    {
        using var analyst = _app.CreateClient("analyst");
        var rule = "// kind: segmentation\nSetSegment(\"grade\", \"A\", \"because\");\n";
        Assert.Equal(HttpStatusCode.OK, (await analyst.PutAsync("/api/rules/grade", new StringContent(rule))).StatusCode);

        var entry = Assert.Single(await EntriesAsync("&type=rule.version&rule=grade"));

        Assert.Equal("test-analyst", entry.GetProperty("actor").GetString());
        Assert.Equal("api", Detail(entry, "source"));
        Assert.Equal("True", Detail(entry, "active"));
        Assert.Matches("^[0-9a-f]{64}$", Detail(entry, "hash"));
        Assert.Contains("+SetSegment(\"grade\", \"A\"", Detail(entry, "diff"));
    }

    [Fact]
    public async Task A_run_is_recorded_when_triggered_and_when_finished_with_its_counts()
    {
        await File.WriteAllTextAsync(Path.Combine(_app.RulesPath, "grade.csx"), "// kind: segmentation\nSetSegment(\"grade\", \"A\", \"because\");\n");
        await _app.Services.GetRequiredService<RuleEngine.Rules.RuleCatalog>().SyncAsync();
        await _ops.PostJson("/api/customers", """[{"id":"c1"},{"id":"c2"}]""");

        var accepted = await _ops.PostAsJsonAsync("/api/rules/grade/runs", new { parameters = new Dictionary<string, string> { ["threshold"] = "5" } });
        var runId = (await accepted.Json())["id"]!.GetValue<string>();
        await WaitForAsync(async () => (await EntriesAsync("&type=run.finished")).Count > 0);

        var triggered = Assert.Single(await EntriesAsync("&type=run.triggered"));
        var finished = Assert.Single(await EntriesAsync("&type=run.finished"));
        Assert.Equal((runId, "test-ops"), (triggered.GetProperty("subject").GetString(), triggered.GetProperty("actor").GetString()));
        Assert.Equal("5", triggered.GetProperty("details").GetProperty("parameters").GetProperty("threshold").GetString());
        Assert.Equal("False", Detail(triggered, "dryRun"));
        Assert.Equal("succeeded", Detail(finished, "status"));
        Assert.Equal(2, finished.GetProperty("details").GetProperty("counts").GetProperty("evaluated").GetInt64());
    }

    [Fact]
    public async Task A_task_update_is_recorded_without_the_outcome_text()
    {
        await _ops.PostJson("/api/customers", """[{"id":"c1"}]""");
        await _app.Services.GetRequiredService<IOutcomeWriter>().ApplyAsync(new OutcomeBatch
        {
            Source = new OutcomeSource { Rule = "winback", RuleVersionHash = "h1", RunId = "run-1", At = At },
            FollowUps = [new FollowUpRequest("c1", "call-1", At.AddDays(3), "phone")],
        });
        var id = _app.Services.GetRequiredService<IFollowUpStore>().List(new FollowUpQuery(), new PageRequest()).Items[0].Id;

        await _ops.PatchAsJsonAsync($"/api/followups/{id}", new { status = "done", outcome = "reached Maria on 0170 5551234" });

        var entry = Assert.Single(await EntriesAsync("&type=task.updated"));
        Assert.Equal(("test-ops", id, "winback"), (entry.GetProperty("actor").GetString(), entry.GetProperty("subject").GetString(), entry.GetProperty("rule").GetString()));
        Assert.Equal(("open", "done"), (Detail(entry, "from"), Detail(entry, "to")));
        Assert.DoesNotContain("Maria", entry.ToString());
        Assert.DoesNotContain("5551234", entry.ToString());
    }

    [Fact]
    public async Task An_ingest_is_recorded_with_its_counts_whether_or_not_it_was_written()
    {
        await _ops.PostJson("/api/customers", """[{"id":"c1"},{"id":"c2"}]""");
        await _ops.PostJson("/api/orders", """[{"id":"o1","customerId":"nobody","amount":5,"at":"2026-11-01T08:00:00Z"}]""");

        var entries = await EntriesAsync("&type=data.ingested&actor=test-ops");

        Assert.Equal(2, entries.Count);
        Assert.Equal(("customers", "2", "0", "written"), (entries[0].GetProperty("subject").GetString(), Detail(entries[0], "accepted"), Detail(entries[0], "rejected"), Detail(entries[0], "result")));
        Assert.Equal(("orders", "0", "1", "rejected"), (entries[1].GetProperty("subject").GetString(), Detail(entries[1], "accepted"), Detail(entries[1], "rejected"), Detail(entries[1], "result")));
    }

    [Fact]
    public async Task Failed_key_uses_are_recorded_without_the_key()
    {
        using var stranger = _app.CreateClient(null);
        stranger.DefaultRequestHeaders.Add("X-Api-Key", "guessed-key-456");
        await stranger.GetAsync("/api/runs");
        await _app.CreateClient("analyst").GetAsync("/api/audit");

        var entries = await EntriesAsync("&type=auth.refused");

        Assert.Equal(2, entries.Count);
        Assert.StartsWith("unknown-key:", entries[0].GetProperty("actor").GetString());
        Assert.Equal("GET /api/runs", entries[0].GetProperty("subject").GetString());
        Assert.Equal(("test-analyst", "forbidden"), (entries[1].GetProperty("actor").GetString(), Detail(entries[1], "kind")));
        Assert.DoesNotContain("guessed-key-456", string.Join("", entries));
    }

    [Fact]
    public async Task Pages_follow_each_other_and_bad_filters_are_refused()
    {
        for (var i = 0; i < 5; i++) await _ops.PostJson("/api/customers", $$"""[{"id":"c{{i}}"}]""");

        var first = await _auditor.GetFromJsonAsync<JsonElement>("/api/audit?type=data.ingested&limit=3");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await _auditor.GetFromJsonAsync<JsonElement>($"/api/audit?type=data.ingested&limit=3&cursor={cursor}");

        var sequences = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(5, sequences.Distinct().Count());
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Empty(await EntriesAsync($"&to={DateTime.UtcNow.AddHours(-1):O}"));
        await ProblemAssert.IsProblemAsync(await _auditor.GetAsync("/api/audit?type=rule.deleted"), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _auditor.GetAsync("/api/audit?from=yesterday"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Csv_and_ndjson_exports_hold_every_matching_entry()
    {
        for (var i = 0; i < 3; i++) await _ops.PostJson("/api/customers", $$"""[{"id":"c{{i}}"}]""");

        var csv = await ExportAsync("text/csv");
        var ndjson = await ExportAsync("application/x-ndjson");

        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,type,actor,rule,subject,summary,details,previousHash,hash", rows[0]);
        Assert.Equal(3, rows.Length - 1);
        Assert.All(rows.Skip(1), row => Assert.StartsWith("\"", row));
        Assert.Contains("\"\"accepted\"\":1", rows[1]);
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal("data.ingested", l.GetProperty("type").GetString()));
        Assert.Equal(1, lines[0].GetProperty("details").GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task The_untouched_chain_verifies_and_its_head_can_be_used_as_an_anchor()
    {
        await _ops.PostJson("/api/customers", """[{"id":"c1"}]""");
        await _ops.PostJson("/api/customers", """[{"id":"c2"}]""");

        var head = await _auditor.GetFromJsonAsync<JsonElement>("/api/audit/head");
        var anchor = $"{head.GetProperty("sequence").GetInt64()}:{head.GetProperty("hash").GetString()}";
        var verify = await _auditor.GetFromJsonAsync<JsonElement>($"/api/audit/verify?anchor={anchor}");

        Assert.True(verify.GetProperty("ok").GetBoolean());
        Assert.Equal(2, verify.GetProperty("entries").GetInt64());
        Assert.False(verify.TryGetProperty("firstBadEntry", out var bad) && bad.ValueKind != JsonValueKind.Null);
        await ProblemAssert.IsProblemAsync(await _auditor.GetAsync("/api/audit/verify?anchor=abc"), HttpStatusCode.BadRequest);
    }

    async Task<string> ExportAsync(string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/audit?type=data.ingested");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        var response = await _auditor.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        // Waits for the background run worker; the bound only keeps a broken build from hanging the suite.
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The run did not finish.");
    }
}
