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
}
