using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Editing;

/// <summary>Running a draft's given/expect cases and diffing versions over REST.</summary>
public class TestsAndDiffApiTests : IClassFixture<EditingAppFactory>
{
    readonly EditingAppFactory _app;
    readonly HttpClient _analyst;
    readonly string _signin = File.ReadAllText(Path.Combine(EditingAppFactory.RepositoryRules, "rewards", "daily-signin.csx"));

    public TestsAndDiffApiTests(EditingAppFactory app)
    {
        _app = app;
        _analyst = app.CreateClient("analyst");
        var catalog = app.Services.GetRequiredService<RuleCatalog>();
        if (catalog.Find("daily-signin") is null) catalog.SyncAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task The_live_version_passes_its_own_tests()
    {
        var response = await _analyst.PostAsJsonAsync("/api/rules/daily-signin/tests", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(run.GetProperty("passed").GetBoolean(), run.GetRawText());
        Assert.Equal(64, run.GetProperty("version").GetString()!.Length);
        Assert.NotEmpty(run.GetProperty("cases").EnumerateArray());
    }

    [Fact]
    public async Task A_draft_that_awards_other_points_fails_with_expected_and_actual()
    {
        var draft = _signin.Replace("AwardPoints(", "AwardPoints(1 + ", StringComparison.Ordinal);
        Assert.NotEqual(_signin, draft);

        var response = await _analyst.PostAsJsonAsync("/api/rules/daily-signin/tests", new { text = draft });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("draft", run.GetProperty("version").GetString());
        Assert.False(run.GetProperty("passed").GetBoolean());
        var failed = run.GetProperty("cases").EnumerateArray().First(c => !c.GetProperty("passed").GetBoolean());
        Assert.NotEmpty(failed.GetProperty("expected").EnumerateArray());
        Assert.NotEmpty(failed.GetProperty("actual").EnumerateArray());
        Assert.Contains("The rule asked for", failed.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_draft_that_does_not_compile_is_a_422_with_its_diagnostics()
    {
        var response = await _analyst.PostAsJsonAsync("/api/rules/daily-signin/tests", new { text = _signin + "\nint broken = \"no\";\n" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var error = problem.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("CS0029", error.GetProperty("id").GetString());
        Assert.Contains("CS0029", problem.Detail());
    }

    [Fact]
    public async Task Tests_of_an_unknown_rule_are_a_404()
    {
        var response = await _analyst.PostAsJsonAsync("/api/rules/no-such-rule/tests", new { text = "// kind: reward\n" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-rule", problem.Detail());
    }

    [Fact]
    public async Task Diff_between_a_saved_version_and_live_shows_the_changed_line()
    {
        var admin = _app.CreateClient("admin");
        const string before = "// kind: segmentation\nvar spend = SpendWithin(365);\nSetSegment(\"grade\", spend > 100 ? \"A\" : \"B\", \"spend\");\n";
        var first = await admin.PutAsync("/api/rules/diff-me", new StringContent(before, Encoding.UTF8, "text/plain"));
        var firstHash = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionHash").GetString()!;
        await admin.PutAsync("/api/rules/diff-me", new StringContent(before.Replace("100", "200", StringComparison.Ordinal), Encoding.UTF8, "text/plain"));

        var diff = await _app.CreateClient("auditor").GetFromJsonAsync<JsonElement>($"/api/rules/diff-me/diff?from={firstHash}&to=live");

        Assert.Equal(firstHash, diff.GetProperty("from").GetString());
        Assert.Contains("-SetSegment(\"grade\", spend > 100", diff.GetProperty("unified").GetString());
        var hunk = diff.GetProperty("hunks").EnumerateArray().Single();
        Assert.Equal((1, 3, 1, 3), (hunk.GetProperty("oldStart").GetInt32(), hunk.GetProperty("oldLines").GetInt32(),
            hunk.GetProperty("newStart").GetInt32(), hunk.GetProperty("newLines").GetInt32()));
        Assert.Equal(["context", "context", "delete", "insert"], hunk.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("op").GetString()));

        var previous = await _analyst.GetFromJsonAsync<JsonElement>("/api/rules/diff-me/diff");
        Assert.Equal(diff.GetProperty("unified").GetString(), previous.GetProperty("unified").GetString());
    }

    [Fact]
    public async Task Diff_with_an_unknown_hash_is_a_404_naming_it()
    {
        var response = await _analyst.GetAsync("/api/rules/daily-signin/diff?from=deadbeefdeadbeef&to=live");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("deadbeefdeadbeef", problem.Detail());
    }

    [Fact]
    public async Task Diff_of_an_unknown_rule_is_a_404()
    {
        var response = await _analyst.GetAsync("/api/rules/no-such-rule/diff");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
