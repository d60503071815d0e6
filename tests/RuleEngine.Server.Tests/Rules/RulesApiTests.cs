using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Rules;

/// <summary>An analyst sees over REST exactly what the server sees of each rule.</summary>
public class RulesApiTests : IClassFixture<RuleEngineAppFactory>
{
    const string Tier = """
        // name: tier
        // kind: segmentation
        // schedule: 0 0 2 * * ?
        // timeZone: Asia/Shanghai
        // description: Tier by 12-month spend.
        // owner: loyalty-team
        var spend = SpendWithin(365);
        SetSegment("tier", spend >= 10_000m ? "gold" : "silver", $"spend {spend:N0} in 365 d");
        """;

    readonly RuleEngineAppFactory _app;
    readonly HttpClient _client;

    public RulesApiTests(RuleEngineAppFactory app)
    {
        _app = app;
        _client = app.CreateClient("admin");
        File.WriteAllText(Path.Combine(app.RulesPath, "tier.csx"), Tier);
        app.Services.GetRequiredService<RuleCatalog>().SyncAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task List_shows_each_rule_with_its_header_status_and_version()
    {
        var rules = await _client.GetFromJsonAsync<JsonElement>("/api/rules");

        var tier = rules.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "tier");
        Assert.Equal("segmentation", tier.GetProperty("kind").GetString());
        Assert.Equal("0 0 2 * * ?", tier.GetProperty("schedule").GetString());
        Assert.Equal("Asia/Shanghai", tier.GetProperty("timeZone").GetString());
        Assert.Equal("active", tier.GetProperty("status").GetString());
        Assert.Equal(64, tier.GetProperty("versionHash").GetString()!.Length);
    }

    [Fact]
    public async Task List_shows_when_a_scheduled_rule_fires_next()
    {
        var before = DateTime.UtcNow;

        var next = await Eventually.GetAsync(async () => (await TierAsync()).GetProperty("nextFireTime") is
            { ValueKind: JsonValueKind.String } time ? time.GetDateTime() : (DateTime?)null, "tier's nextFireTime");

        Assert.Equal(DateTimeKind.Utc, next.Kind);
        Assert.Equal(TimeSpan.FromHours(18), next.TimeOfDay); // 02:00 in Asia/Shanghai
        Assert.InRange(next, before, before.AddDays(1));
    }

    [Fact]
    public async Task List_shows_the_last_run_of_a_rule()
    {
        var trigger = await _client.PostAsJsonAsync("/api/rules/tier/runs", new { });
        var id = (await trigger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var lastRun = await Eventually.GetAsync(async () => (await TierAsync()).GetProperty("lastRun") is
            { ValueKind: JsonValueKind.Object } run && run.GetProperty("id").GetString() == id
            && run.GetProperty("status").GetString() == "succeeded" ? run : (JsonElement?)null, "tier's last run to succeed");

        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        Assert.Equal(JsonValueKind.String, lastRun.GetProperty("startedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, lastRun.GetProperty("finishedAt").ValueKind);
    }

    [Fact]
    public async Task Detail_shows_source_path_diagnostics_and_versions()
    {
        var rule = await _client.GetFromJsonAsync<JsonElement>("/api/rules/tier");

        Assert.Equal("tier.csx", rule.GetProperty("path").GetString());
        Assert.Contains("SpendWithin(365)", rule.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Array, rule.GetProperty("diagnostics").ValueKind);
        Assert.Contains(rule.GetProperty("versions").EnumerateArray(), v => v.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Unknown_rule_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/rules/no-such-rule");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Validate_reports_errors_at_the_analysts_line_and_column_and_saves_nothing()
    {
        var response = await _client.PostAsync("/api/rules/validate?name=draft-x",
            new StringContent("// kind: reward\nvar points = ;\n", Encoding.UTF8, "text/plain"));

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(result.GetProperty("ok").GetBoolean());
        var error = result.GetProperty("diagnostics").EnumerateArray().Single();
        Assert.Equal(("error", "CS1525", "draft-x.csx", 2, 14),
            (error.GetProperty("severity").GetString(), error.GetProperty("id").GetString(), error.GetProperty("path").GetString(),
             error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/rules/draft-x")).StatusCode);
    }

    [Fact]
    public async Task Validate_names_a_banned_api()
    {
        var response = await _client.PostAsync("/api/rules/validate",
            new StringContent("// kind: reward\nSystem.IO.File.Delete(\"x\");\n", Encoding.UTF8, "text/plain"));

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(result.GetProperty("diagnostics").EnumerateArray(),
            d => d.GetProperty("id").GetString() == "RE0010" && d.GetProperty("message").GetString()!.Contains("System.IO.File"));
    }

    [Fact]
    public async Task Oversize_script_is_refused_with_413()
    {
        var response = await _client.PostAsync("/api/rules/validate",
            new StringContent("// kind: reward\n" + new string('/', 300 * 1024), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Put_of_a_broken_rule_is_422_and_the_last_good_version_keeps_running_then_rollback_restores_it()
    {
        var first = (await (await _client.PutAsync("/api/rules/grade", Text("// kind: segmentation\nSetSegment(\"grade\", \"A\", \"a\");\n")))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionHash").GetString();

        var broken = await _client.PutAsync("/api/rules/grade", Text("// kind: segmentation\nSetSegment(\"grade\", A, \"a\");\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        var state = await broken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first, state.GetProperty("versionHash").GetString());
        Assert.Contains(state.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("line").GetInt32() == 2);

        var second = await _client.PutAsync("/api/rules/grade", Text("// kind: segmentation\nSetSegment(\"grade\", \"B\", \"b\");\n"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var rollback = await _client.PostAsJsonAsync("/api/rules/grade/rollback", new { versionHash = first });
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var detail = await _client.GetFromJsonAsync<JsonElement>("/api/rules/grade");
        Assert.Equal(first, detail.GetProperty("versionHash").GetString());
        Assert.Equal(3, detail.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task Put_with_an_invalid_name_is_a_400_problem()
    {
        var response = await _client.PutAsync("/api/rules/Bad..Name", Text("// kind: reward\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    async Task<JsonElement> TierAsync() =>
        (await _client.GetFromJsonAsync<JsonElement>("/api/rules")).EnumerateArray().Single(r => r.GetProperty("name").GetString() == "tier");

    static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");
}
