using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Watching;

/// <summary>"Why is this customer gold?": every change with the rule, version, run and reason that made it.</summary>
public class CustomerHistoryApiTests : IClassFixture<RuleEngineAppFactory>, IAsyncLifetime
{
    static readonly DateTime Day1 = new(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc);
    readonly RuleEngineAppFactory _app;
    readonly HttpClient _auditor;

    public CustomerHistoryApiTests(RuleEngineAppFactory app)
    {
        _app = app;
        _auditor = app.CreateClient("auditor");
    }

    static OutcomeSource Run(string rule, string runId, DateTime at) => new() { Rule = rule, RuleVersionHash = $"{rule}-v1", RunId = runId, At = at };

    public async Task InitializeAsync()
    {
        using var ops = _app.CreateClient("ops");
        if ((await ops.GetAsync("/api/customers/h1")).IsSuccessStatusCode) return;
        await ops.PostJson("/api/customers", """[{"id":"h1","name":"Zhang Wei"},{"id":"h2"}]""");
        var writer = _app.Services.GetRequiredService<IOutcomeWriter>();
        await writer.ApplyAsync(new OutcomeBatch
        {
            Source = Run("tiers", "run-1", Day1),
            Segments = [new SegmentAssignment("h1", "tier", "silver", "spend 800 in 365 d")],
            Scores = [new ScoreChange("h1", "rfm", 3, "R3 F3 M3")],
        });
        await writer.ApplyAsync(new OutcomeBatch
        {
            Source = Run("rewards", "run-2", Day1.AddDays(10)),
            Points = [new PointsGrant("h1", PointsEntryType.Earn, 50, "order o1", "order:o1", "1 point per 10 yuan")],
            FollowUps = [new FollowUpRequest("h1", "call:1", Day1.AddDays(13), "phone", "thank you call", Explanation: "first order over 500")],
        });
        await writer.ApplyAsync(new OutcomeBatch
        {
            Source = Run("tiers", "run-3", Day1.AddDays(30)),
            Segments = [new SegmentAssignment("h1", "tier", "gold", "spend 1,600 in 365 d")],
            Scores = [new ScoreChange("h1", "rfm", 4, "R4 F3 M4")],
        });
        await writer.ApplyAsync(new OutcomeBatch { Source = Run("tiers", "run-4", Day1.AddDays(40)), Segments = [new SegmentAssignment("h1", "tier", null, "closed account")] });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_history_lists_segment_moves_score_changes_points_and_tasks_in_time_order_with_their_source()
    {
        var history = await _auditor.GetFromJsonAsync<JsonElement>("/api/customers/h1/history");
        var items = history.GetProperty("items").EnumerateArray().ToList();

        string Line(JsonElement e) => string.Join(' ', e.GetProperty("type").GetString(), e.GetProperty("runId").GetString(),
            e.TryGetProperty("from", out var from) ? from.ToString() : "", e.TryGetProperty("to", out var to) ? to.ToString() : "");
        Assert.Equal(["score run-1  3", "segment run-1  silver", "points run-2  ", "task run-2  ", "score run-3 3 4", "segment run-3 silver gold", "segment run-4 gold "],
            items.Select(Line));
        var gold = items[5];
        Assert.Equal(("tier", "tiers", "tiers-v1", "spend 1,600 in 365 d"),
            (gold.GetProperty("kind").GetString(), gold.GetProperty("rule").GetString(), gold.GetProperty("versionHash").GetString(), gold.GetProperty("explanation").GetString()));
        Assert.Equal("R4 F3 M4", items[4].GetProperty("explanation").GetString());
        Assert.Equal((50, "order o1"), (items[2].GetProperty("amount").GetInt64(), items[2].GetProperty("reason").GetString()));
        Assert.Equal(("phone", "open"), (items[3].GetProperty("taskType").GetString(), items[3].GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_history_can_be_limited_to_a_time_range()
    {
        var history = await _auditor.GetFromJsonAsync<JsonElement>("/api/customers/h1/history?from=2026-10-05T00:00:00Z&to=2026-10-31T23:59:59Z");

        Assert.Equal(["points", "task", "score", "segment"], history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_customer_without_changes_has_an_empty_history()
    {
        var history = await _auditor.GetFromJsonAsync<JsonElement>("/api/customers/h2/history");

        Assert.Empty(history.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/customers/nope/history", HttpStatusCode.NotFound, null)]
    [InlineData("/api/customers/h1/history?from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/customers/h1/history?from=yesterday", HttpStatusCode.BadRequest, "from")]
    [InlineData("/api/customers/h1/history?to=soon", HttpStatusCode.BadRequest, "to")]
    public async Task Unknown_customers_and_bad_ranges_are_refused(string path, HttpStatusCode status, string? field)
    {
        var response = await _auditor.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        if (field is not null) Assert.NotNull((await response.Json())["errors"]![field]);
    }
}
