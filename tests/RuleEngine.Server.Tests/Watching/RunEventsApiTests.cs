using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Watching;

/// <summary>Watching a run live over Server-Sent Events, and finding runs by trigger and actor.</summary>
public class RunEventsApiTests : IClassFixture<RunEventsApiTests.SmallPages>, IAsyncLifetime
{
    /// <summary>Pages of 5 customers, so that a run of 30 reports progress six times.</summary>
    public sealed class SmallPages : RuleEngineAppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RuleEngine:Runs:PageSize"] = "5" };
    }

    readonly RuleEngineAppFactory _app;
    readonly HttpClient _ops;

    public RunEventsApiTests(SmallPages app)
    {
        _app = app;
        _ops = app.CreateClient("ops");
    }

    public async Task InitializeAsync()
    {
        var customers = string.Join(',', Enumerable.Range(1, 30).Select(i => $$"""{"id":"e{{i:D2}}"}"""));
        await _ops.PostJson("/api/customers", $"[{customers}]");
        // Slow enough to watch: every customer logs a line and takes a little while.
        await _app.WriteRuleAsync("watched", """
            // kind: segmentation
            Log($"looking at {Customer.Id}");
            var busy = 0L;
            for (var i = 0; i < 3_000_000; i++) busy += i % 7;
            SetSegment("watched", busy > 0 ? "seen" : "none", "watched in a test");
            """);
        await _app.WriteRuleAsync("quick", "// kind: segmentation\nSetSegment(\"quick\", \"seen\", \"quick\");\n");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    sealed record ServerSentEvent(string Name, string? Id, JsonElement Data);

    /// <summary>Reads the stream to its end (the server closes it when the run ends), as a browser's EventSource would.</summary>
    static async Task<List<ServerSentEvent>> ReadEventsAsync(HttpClient client, string runId, Action<ServerSentEvent>? onEvent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<ServerSentEvent>();
        string? name = null, id = null, data = null;
        using var timeout = new CancellationTokenSource(Eventually.Patience * 2);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("data: ")) data = line[6..];
            else if (line.Length == 0 && name is not null)
            {
                var sse = new ServerSentEvent(name, id, JsonDocument.Parse(data!).RootElement.Clone());
                events.Add(sse);
                onEvent?.Invoke(sse);
                (name, id, data) = (null, null, null);
            }
        }
        return events;
    }

    static string? Status(ServerSentEvent e) => e.Name == "status" ? e.Data.GetProperty("status").GetString() : null;

    [Fact]
    public async Task A_watcher_gets_progress_log_lines_and_status_live_and_the_stream_ends_with_the_run()
    {
        var id = await _ops.StartRunAsync("watched");

        var events = await ReadEventsAsync(_ops, id);

        Assert.True("succeeded" == Status(events[^1]), string.Join(" | ", events.Select(e => $"{e.Name}:{e.Data}")));
        Assert.Contains(events, e => Status(e) == "running");
        var progress = events.Where(e => e.Name == "progress").Select(e => e.Data.GetProperty("processed").GetInt64()).ToList();
        Assert.Equal(30, progress[^1]);
        Assert.Equal(progress.Order(), progress);
        // A watcher that connects before the run has planned its pages sees total null ("not known yet"), never a wrong number.
        var totals = events.Where(e => e.Name == "progress").Select(e => e.Data.GetProperty("total")).ToList();
        Assert.All(totals, t => Assert.True(t.ValueKind == JsonValueKind.Null || t.GetInt64() == 30, $"total {t}"));
        Assert.Equal(30, totals[^1].GetInt64());
        var lines = events.Where(e => e.Name == "log").ToList();
        Assert.Contains(lines, l => l.Data.GetProperty("message").GetString()!.Contains("looking at e17"));
        Assert.Contains(lines, l => l.Data.GetProperty("message").GetString()!.StartsWith("Run succeeded"));
        var sequences = lines.Select(l => l.Data.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Distinct().Order(), sequences); // each line once, in order
        Assert.Equal(sequences.Select(s => s.ToString()), lines.Select(l => l.Id));
    }

    [Fact]
    public async Task Lines_reach_the_watcher_while_the_run_is_still_running()
    {
        var id = await _ops.StartRunAsync("watched");
        string? statusAtFirstCustomerLine = null;

        await ReadEventsAsync(_ops, id, e =>
        {
            if (e.Name == "log" && statusAtFirstCustomerLine is null && e.Data.GetProperty("message").GetString()!.Contains("looking at"))
                statusAtFirstCustomerLine = _ops.GetFromJsonAsync<JsonElement>($"/api/runs/{id}").Result.GetProperty("status").GetString();
        });

        Assert.Equal("running", statusAtFirstCustomerLine);
    }

    [Fact]
    public async Task A_finished_runs_stream_sends_its_final_state_and_log_and_ends()
    {
        var id = await _ops.RunToEndAsync("quick");
        using var auditor = _app.CreateClient("auditor");

        var events = await ReadEventsAsync(auditor, id);

        Assert.Equal("succeeded", Status(events[0]));
        Assert.Equal(30, events.Single(e => e.Name == "progress").Data.GetProperty("processed").GetInt64());
        Assert.Contains(events, e => e.Name == "log" && e.Data.GetProperty("message").GetString()!.StartsWith("Run succeeded"));
        Assert.Single(events, e => e.Name == "status");
    }

    [Fact]
    public async Task An_unknown_run_has_no_stream()
    {
        var response = await _ops.GetAsync("/api/runs/nope/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Runs_filter_by_trigger_and_actor()
    {
        var manual = await _ops.RunToEndAsync("quick");
        var rerun = await _ops.PostAsync($"/api/runs/{manual}/rerun", null);
        var rerunId = (await rerun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await _ops.FinishedRunAsync(rerunId);
        using var analyst = _app.CreateClient("analyst");
        var dry = await analyst.StartRunAsync("quick", new { dryRun = true });
        await _ops.FinishedRunAsync(dry);

        async Task<List<string>> Ids(string query) => (await _ops.GetFromJsonAsync<JsonElement>($"/api/runs?{query}&limit=1000"))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

        Assert.Equal([rerunId], await Ids("trigger=rerun"));
        Assert.Contains(manual, await Ids("trigger=manual"));
        Assert.DoesNotContain(rerunId, await Ids("trigger=manual"));
        Assert.Empty(await Ids("trigger=scheduled"));
        Assert.Equal([dry], await Ids("actor=test-analyst"));
        Assert.Equal([dry], await Ids("actor=test-analyst&trigger=manual&rule=quick&status=succeeded"));
        var bad = await _ops.GetAsync("/api/runs?trigger=whenever");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await bad.Json())["errors"]!["trigger"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await _ops.GetAsync("/api/runs?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z")).StatusCode);
    }
}
