using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Errors;

/// <summary>Binding and server errors through the platform pipeline, on probe endpoints (see <see cref="ProbeHost"/>).</summary>
public class ProblemDetailsTests : IAsyncLifetime
{
    private ProbeHost host = null!;

    public async Task InitializeAsync() => host = await ProbeHost.StartAsync(app =>
    {
        app.MapPost("/probe/orders", (ProbeOrder order) => TypedResults.Ok(order)).WithSummary("probe");
        app.MapGet("/probe/orders", (int limit) => TypedResults.Ok(limit)).WithSummary("probe");
        app.MapGet("/probe/fail", string () => throw new InvalidOperationException("connection string Password=hunter2")).WithSummary("probe");
    }, new Dictionary<string, string?> { ["RuleEngine:Limits:MaxRequestBodyBytes"] = "2048" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_place()
    {
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync("{\n  \"id\": \"o-1\",\n  \"quantity\": ,\n}"), HttpStatusCode.BadRequest);

        Assert.Contains("$.quantity", problem.Detail());
        Assert.Contains("LineNumber: 2", problem.Detail());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field()
    {
        var problem = await ProblemAssert.IsProblemAsync(await PostAsync("{\"id\": \"o-1\", \"quantity\": \"many\"}"), HttpStatusCode.BadRequest);

        Assert.Contains("$.quantity", problem.Detail());
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_is_a_400_naming_the_parameter()
    {
        using var client = host.CreateClient("ops");

        var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync("/probe/orders?limit=ten"), HttpStatusCode.BadRequest);

        Assert.Contains("limit", problem.Detail());
        Assert.Contains("ten", problem.Detail());
    }

    [Fact]
    public async Task A_body_in_an_unsupported_media_type_is_a_415()
    {
        await ProblemAssert.IsProblemAsync(await PostAsync("id=o-1", "text/plain"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_a_413_telling_how_to_fix_it()
    {
        var body = $"{{\"id\": \"{new string('x', 4096)}\", \"quantity\": 1}}";

        var problem = await ProblemAssert.IsProblemAsync(await PostAsync(body), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("at most 2048", problem.Detail());
    }

    [Fact]
    public async Task A_wrong_method_is_a_405()
    {
        using var client = host.CreateClient("ops");

        await ProblemAssert.IsProblemAsync(await client.DeleteAsync("/probe/orders"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_without_stack_trace_or_message()
    {
        using var client = host.CreateClient("ops");

        var response = await client.GetAsync("/probe/fail");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.ToString();
        Assert.DoesNotContain("hunter2", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
        Assert.Contains("traceId", problem.Detail());
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json")
    {
        using var client = host.CreateClient("ops");
        return await client.PostAsync("/probe/orders", new StringContent(body, Encoding.UTF8, contentType));
    }

    public sealed record ProbeOrder(string Id, int Quantity);
}
