using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Data;

public sealed class ReadApiTests : IDisposable
{
    private static readonly DateTime At = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
    private readonly RuleEngineAppFactory _app = new();
    private readonly HttpClient _analyst;
    private readonly HttpClient _ops;

    public ReadApiTests()
    {
        _analyst = _app.CreateClient("analyst");
        _ops = _app.CreateClient("ops");
    }

    public void Dispose() => _app.Dispose();

    private async Task Seed()
    {
        var customers = string.Join(',', Enumerable.Range(1, 5).Select(i => $$"""{"id":"c{{i}}","tags":["loaded"]}"""));
        Assert.Equal(HttpStatusCode.OK, (await _ops.PostJson("/api/customers", $"[{customers}]")).StatusCode);
        var source = new OutcomeSource { Rule = "grade", RuleVersionHash = "h1", RunId = "run-1", At = At };
        await _app.Services.GetRequiredService<IOutcomeWriter>().ApplyAsync(new OutcomeBatch
        {
            Source = source,
            Segments = Enumerable.Range(1, 5).Select(i => new SegmentAssignment($"c{i}", "value-grade", i <= 3 ? "A" : "B")).ToList(),
            Scores = [new ScoreChange("c1", "rfm", 4.5)],
            Tags = [new TagChange("c1", "vip", true)],
            Points = [new PointsGrant("c1", PointsEntryType.Earn, 100, "order o1", "order:o1"), new PointsGrant("c1", PointsEntryType.Spend, -30, "coupon", "redeem:1"),
                new PointsGrant("c1", PointsEntryType.Earn, 5, "sign-in", "signin:2026-11-01")],
            FollowUps = [new FollowUpRequest("c1", "call-1", At.AddDays(3), "phone", "How is it going?"), new FollowUpRequest("c2", "call-1", At.AddDays(1), "sms")],
        });
    }

    private Task<JsonObject?> Get(string path) => _analyst.GetFromJsonAsync<JsonObject>(path);

    [Fact]
    public async Task A_customer_shows_profile_segments_scores_tags_points_and_open_tasks()
    {
        await Seed();

        var c1 = (await Get("/api/customers/c1"))!;

        Assert.Equal("A", c1["segments"]!["value-grade"]!.GetValue<string>());
        Assert.Equal(4.5, c1["scores"]!["rfm"]!.GetValue<double>());
        Assert.Equal(["loaded", "vip"], c1["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(75, c1["pointsBalance"]!.GetValue<long>());
        var task = Assert.Single(c1["openTasks"]!.AsArray())!;
        Assert.Equal("open", task["status"]!.GetValue<string>());
        Assert.Equal("grade", task["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_customer_is_a_404_problem()
    {
        var response = await _analyst.GetAsync("/api/customers/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nope", (await response.Json())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_points_ledger_pages_through_every_entry_with_its_source()
    {
        await Seed();

        var first = (await Get("/api/customers/c1/points?limit=2"))!;
        var second = (await Get($"/api/customers/c1/points?limit=2&cursor={first["nextCursor"]}"))!;

        Assert.Equal(75, first["balance"]!.GetValue<long>());
        var entries = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).ToList();
        Assert.Equal(["order:o1", "redeem:1", "signin:2026-11-01"], entries.Select(e => e!["key"]!.GetValue<string>()).Order());
        Assert.All(entries, e => Assert.Equal("run-1", e!["runId"]!.GetValue<string>()));
        Assert.Null(second["nextCursor"]);
    }

    [Fact]
    public async Task Segments_list_their_counts_and_members_page_by_cursor()
    {
        await Seed();

        var segments = (await _analyst.GetFromJsonAsync<JsonArray>("/api/segments"))!;
        var page1 = (await Get("/api/segments/value-grade/A/members?limit=2"))!;
        var page2 = (await Get($"/api/segments/value-grade/A/members?limit=2&cursor={page1["nextCursor"]}"))!;

        Assert.Equal([("value-grade", "A", 3L), ("value-grade", "B", 2L)],
            segments.Select(s => (s!["kind"]!.GetValue<string>(), s["value"]!.GetValue<string>(), s["members"]!.GetValue<long>())));
        Assert.Equal(["c1", "c2", "c3"], page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(m => m!["customerId"]!.GetValue<string>()));
        Assert.Null(page2["nextCursor"]);
    }

    [Fact]
    public async Task Follow_ups_filter_and_patch_to_done_with_an_outcome()
    {
        await Seed();
        var beforeDay2 = (await Get("/api/followups?status=open&dueBefore=2026-11-02T12:00:00Z"))!;
        var id = Assert.Single(beforeDay2["items"]!.AsArray())!["id"]!.GetValue<string>();

        var patched = await _ops.PatchAsJsonAsync($"/api/followups/{id}", new { status = "done", outcome = "reached, follows the instructions" });
        var open = (await Get("/api/followups?status=open"))!;
        var forC2 = (await Get("/api/followups?customerId=c2"))!;

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("done", (await patched.Json())["status"]!.GetValue<string>());
        Assert.Equal(["c1"], open["items"]!.AsArray().Select(t => t!["customerId"]!.GetValue<string>()));
        Assert.Equal("reached, follows the instructions", Assert.Single(forC2["items"]!.AsArray())!["outcome"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/followups?status=later", "status")]
    [InlineData("/api/followups?dueBefore=soon", "dueBefore")]
    [InlineData("/api/followups?limit=0", "limit")]
    [InlineData("/api/followups?cursor=***", "cursor")]
    [InlineData("/api/segments/value-grade/A/members?limit=5000", "limit")]
    public async Task Bad_list_parameters_are_a_validation_problem(string path, string field)
    {
        var response = await _analyst.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Json())["errors"]![field]);
    }

    [Fact]
    public async Task Patching_an_unknown_task_or_with_a_bad_status_is_refused()
    {
        await Seed();

        var unknown = await _ops.PatchAsJsonAsync("/api/followups/nope", new { status = "done" });
        var badStatus = await _ops.PatchAsJsonAsync("/api/followups/nope", new { status = "finished" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }
}
