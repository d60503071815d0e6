using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Rules;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Editing;

/// <summary>Diagnostics, completion and hover over REST, as the browser editor and any other client call them.</summary>
public class EditingApiTests : IClassFixture<EditingAppFactory>
{
    readonly EditingAppFactory _app;
    readonly HttpClient _analyst;

    public EditingApiTests(EditingAppFactory app)
    {
        _app = app;
        _analyst = app.CreateClient("analyst");
        var catalog = app.Services.GetRequiredService<RuleCatalog>();
        if (catalog.Find("daily-signin") is null) catalog.SyncAsync().GetAwaiter().GetResult();
    }

    public static TheoryData<string> Rules => new(EditingAppFactory.RulePaths);

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Diagnostics_are_exactly_what_validate_returns_for_every_rule(string path) =>
        await AssertSameAsValidate(File.ReadAllText(Path.Combine(EditingAppFactory.RepositoryRules, path)), Path.GetFileNameWithoutExtension(path));

    [Theory]
    [InlineData("// kind: reward\nvar x = 1;\nint y = \"no\";\n")]
    [InlineData("// kind: reward\nvar t = System.IO.File.ReadAllText(\"/etc/passwd\");\n")]
    [InlineData("// no header\nSetSegment(\"a\", \"b\", \"c\"\n")]
    [InlineData("// kind: reward\n#load \"../../etc/passwd\"\n")]
    public async Task Diagnostics_are_exactly_what_validate_returns_for_broken_drafts(string text) =>
        await AssertSameAsValidate(text, "daily-signin");

    async Task AssertSameAsValidate(string text, string name)
    {
        var validated = await _analyst.PostAsync($"/api/rules/validate?name={name}", new StringContent(text, Encoding.UTF8, "text/plain"));
        var diagnosed = await _analyst.PostAsJsonAsync("/api/rules/diagnostics", new { text, path = name });

        Assert.Equal(HttpStatusCode.OK, diagnosed.StatusCode);
        var expected = (await validated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").GetRawText();
        var actual = (await diagnosed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").GetRawText();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_diagnostic_names_file_line_and_column()
    {
        var response = await _analyst.PostAsJsonAsync("/api/rules/diagnostics", new { text = "// kind: reward\n\nint y = \"no\";\n", path = "rewards/draft.csx" });

        var diagnostic = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("diagnostics").EnumerateArray().Single();
        Assert.Equal(("error", "CS0029", "rewards/draft.csx", 3, 9), (diagnostic.GetProperty("severity").GetString(), diagnostic.GetProperty("id").GetString(),
            diagnostic.GetProperty("path").GetString(), diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32()));
    }

    async Task<List<JsonElement>> CompletionsAsync(string withCaret)
    {
        var position = withCaret.IndexOf('|', StringComparison.Ordinal);
        var response = await _analyst.PostAsJsonAsync("/api/rules/completions", new { text = withCaret.Remove(position, 1), position });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Completions_at_Segm_offer_Segment_with_its_doc()
    {
        var items = await CompletionsAsync("// kind: segmentation\nvar tier = Segm|");

        var segment = Assert.Single(items, i => i.GetProperty("label").GetString() == "Segment");
        Assert.Equal("method", segment.GetProperty("kind").GetString());
        Assert.Contains("Segment(string kind)", segment.GetProperty("detail").GetString());
        Assert.Contains("current value of segment", segment.GetProperty("documentation").GetString());
        Assert.Equal("Segment", segment.GetProperty("insertText").GetString());
    }

    [Fact]
    public async Task Completions_after_File_dot_offer_nothing_banned()
    {
        var items = await CompletionsAsync("// kind: reward\nusing System.IO;\nFile.|");

        Assert.Empty(items);
    }

    [Fact]
    public async Task Completions_on_an_order_offer_At()
    {
        var items = await CompletionsAsync("// kind: reward\nvar when = Orders[0].|");

        var at = Assert.Single(items, i => i.GetProperty("label").GetString() == "At");
        Assert.Contains("DateTime Order.At", at.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Hover_on_AwardPoints_returns_its_signature_and_doc()
    {
        const string text = "// kind: reward\nAwardPoints(10, \"k\", \"because\");\n";
        var response = await _analyst.PostAsJsonAsync("/api/rules/hover", new { text, position = text.IndexOf("Award", StringComparison.Ordinal) + 3 });

        var markdown = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("markdown").GetString();
        Assert.Contains("void AwardPoints(long points, string reasonKey, string because)", markdown);
        Assert.Contains("Awards points once per reasonKey", markdown);
    }

    [Theory]
    [InlineData("/api/rules/completions", -1)]
    [InlineData("/api/rules/completions", 17)]
    [InlineData("/api/rules/hover", 99)]
    public async Task A_position_outside_the_text_is_a_400_naming_position_and_length(string path, int position)
    {
        var response = await _analyst.PostAsJsonAsync(path, new { text = "// kind: reward\n", position });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"Position {position}", problem.Detail());
        Assert.Contains("16 characters", problem.Detail());
    }

    [Theory]
    [InlineData("/api/rules/diagnostics")]
    [InlineData("/api/rules/completions")]
    [InlineData("/api/rules/hover")]
    [InlineData("/api/rules/daily-signin/tests")]
    public async Task Text_over_the_rule_size_limit_is_a_413(string path)
    {
        var text = "// kind: reward\n" + new string('/', 300 * 1024);

        var response = await _analyst.PostAsJsonAsync(path, new { text, position = 0 });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("256 KB", problem.Detail());
    }

    [Theory]
    [InlineData("/api/rules/diagnostics", "{}")]
    [InlineData("/api/rules/completions", "{\"text\":\"x\"}")]
    [InlineData("/api/rules/diagnostics", "{\"text\":\"// kind: reward\\n\",\"path\":\"../escape.csx\"}")]
    public async Task Missing_fields_or_a_path_out_of_the_rules_folder_are_a_400(string path, string body)
    {
        var response = await _analyst.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/rules/diagnostics")]
    [InlineData("/api/rules/completions")]
    [InlineData("/api/rules/hover")]
    [InlineData("/api/rules/daily-signin/tests")]
    public async Task An_auditor_may_not_call_the_editing_calls(string path)
    {
        var response = await _app.CreateClient("auditor").PostAsJsonAsync(path, new { text = "// kind: reward\n", position = 0 });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_script_api_reference_is_readable_by_every_role_with_docs()
    {
        var response = await _app.CreateClient("auditor").GetFromJsonAsync<JsonElement>("/api/rules/script-api");

        var members = response.GetProperty("members").EnumerateArray().ToList();
        var spend = Assert.Single(members, m => m.GetProperty("name").GetString() == "SpendWithin");
        Assert.Equal("decimal SpendWithin(int days)", spend.GetProperty("signature").GetString());
        Assert.Equal("method", spend.GetProperty("kind").GetString());
        Assert.Contains("paid orders", spend.GetProperty("summary").GetString());
        Assert.Contains(members, m => m.GetProperty("name").GetString() == "Order.At");
    }
}
