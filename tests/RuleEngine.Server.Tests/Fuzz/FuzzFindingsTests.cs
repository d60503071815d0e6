using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>Regression tests for what the endpoint fuzz found, one per bug, so that each stays fixed under any seed.</summary>
public sealed class FuzzFindingsTests(RuleEngineAppFactory app) : IClassFixture<RuleEngineAppFactory>
{
    private static readonly string LongId = new('a', 2_000);

    [Fact]
    public async Task An_id_too_long_for_an_index_key_is_a_rejected_row_not_a_500()
    {
        // Before the fix LiteDB threw "index key must be less than 1023 bytes" while writing: 500 to the caller.
        using var ops = app.CreateClient("ops");
        var customers = app.Services.GetRequiredService<ICustomerStore>();
        (await ops.PostJson("/api/customers", """[{"id":"long-ok"}]""")).EnsureSuccessStatusCode();
        var before = customers.Count();

        var customer = await ops.PostJson("/api/customers", $$"""[{"id":"long-1"},{"id":"{{LongId}}"}]""");
        var order = await ops.PostNdjson("/api/orders", $$"""{"id":"{{LongId}}","customerId":"long-ok","amount":1,"at":"2026-11-01T00:00:00Z"}""");
        var @event = await ops.PostNdjson("/api/events", $$"""{"id":"e-long","customerId":"{{LongId}}","type":"visit","at":"2026-11-01T00:00:00Z"}""");

        foreach (var (response, field) in new[] { (customer, "id"), (order, "id"), (@event, "customerId") })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains($"'{field}' has 2000 characters", problem.GetProperty("errors")[0].GetProperty("message").GetString());
        }
        Assert.Equal(before, customers.Count());
    }

    [Theory]
    [InlineData("GET", "/api/customers/nobody")]
    [InlineData("GET", "/api/customers/nobody/points")]
    [InlineData("PATCH", "/api/followups/nothing")]
    public async Task Unknown_customers_and_follow_ups_answer_404_as_problem_details(string method, string path)
    {
        // Before the fix these 404s were served as application/json: TypedResults.NotFound(problem) is not a problem result.
        using var admin = app.CreateClient("admin");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PATCH") request.Content = new StringContent("""{"status":"done"}""", System.Text.Encoding.UTF8, "application/json");

        var response = await admin.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("POST", "/api/rules/none/runs", """{"dryRun":true}""")]
    [InlineData("PATCH", "/api/followups/none", """{"status":"done"}""")]
    public async Task A_json_body_in_an_unknown_charset_is_415_not_500(string method, string path, string body)
    {
        // Before the fix the JSON binder threw InvalidOperationException ("'bogus' is not a supported encoding name").
        using var admin = app.CreateClient("admin");
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus");

        var response = await admin.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/customers", """[{"id":"ok-1"},{"id":"\ud800"}]""")]
    [InlineData("/api/orders", """[{"id":"o-ok","customerId":"long-ok","amount":"\udfff","at":"2026-11-01T00:00:00Z"}]""")]
    [InlineData("/api/events", """[{"id":"e-ok","customerId":"long-ok","type":"visit","at":"2026-11-01T00:00:00Z","properties":{"\ud800":"x"}}]""")]
    [InlineData("/api/customers", """["\udfff"]""")]
    public async Task Text_with_an_escaped_lone_surrogate_is_a_rejected_row_not_a_500(string path, string body)
    {
        // Before the fix JsonElement.GetString() threw InvalidOperationException for "\ud800" and the request failed with a 500.
        using var ops = app.CreateClient("ops");
        (await ops.PostJson("/api/customers", """[{"id":"long-ok"}]""")).EnsureSuccessStatusCode();
        var before = app.Services.GetRequiredService<ICustomerStore>().Count();

        var response = await ops.PostJson(path, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, app.Services.GetRequiredService<ICustomerStore>().Count());
    }

    [Fact]
    public async Task A_load_directive_with_a_nul_in_its_path_is_refused_naming_the_place_not_a_500()
    {
        // Before the fix Path.GetFullPath threw "Null character in path" while the rule's helpers were read; and
        // PostgreSQL cannot store the text. A NUL is refused with the script, on both backends.
        using var analyst = app.CreateClient("analyst");
        var script = "// kind: reward\n#load \"a\0b.csx\"\n";

        var put = await analyst.PutAsync("/api/rules/nul-load", new StringContent(script, System.Text.Encoding.UTF8, "text/plain"));
        var validate = await analyst.PostAsync("/api/rules/validate", new StringContent(script, System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("NUL character (U+0000) at line 2, column 9", await put.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, validate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/rules/nul-load")).StatusCode);
    }

    [Fact]
    public async Task An_audit_cursor_that_is_base64_but_not_a_sequence_is_400_not_500()
    {
        // Before the fix the audit store's FormatException escaped the endpoint: "eyJ4IjoxfQ" is base64url of {"x":1}.
        using var auditor = app.CreateClient("auditor");

        var response = await auditor.GetAsync("/api/audit?cursor=eyJ4IjoxfQ");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("..%2F..%2Fetc")]
    public async Task Validating_a_draft_under_an_invalid_rule_name_is_400_not_500(string name)
    {
        // Before the fix the name became a file path as is, and a NUL made Path.GetFullPath throw.
        using var analyst = app.CreateClient("analyst");

        var response = await analyst.PostAsync($"/api/rules/validate?name={name}",
            new StringContent("// kind: reward\n", System.Text.Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
