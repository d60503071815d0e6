using System.Net;
using Microsoft.OpenApi;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.OpenApi;

public class OpenApiDocumentTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    [Fact]
    public async Task The_document_is_valid_openapi_and_describes_every_mapped_endpoint()
    {
        var document = await LoadAsync();

        var described = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method.ToUpperInvariant()} {p.Key}")).ToHashSet();
        var mapped = MappedEndpoints.Of(factory).Select(e => $"{e.Method} {ToOpenApiPath(e.Route)}").ToList();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, endpoint => Assert.Contains(endpoint, described));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_names_who_may_call_it()
    {
        var document = await LoadAsync();

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{method} {path} has no summary");
                Assert.Matches("Roles: |No API key needed", operation.Description);
                Assert.True(operation.Responses!.ContainsKey("500"), $"{method} {path} documents no 500 problem");
            }
        }
        var metrics = document.Paths["/metrics"].Operations![HttpMethod.Get];
        Assert.Contains("Roles: ops, admin.", metrics.Description);
        Assert.True(metrics.Responses!.ContainsKey("401") && metrics.Responses.ContainsKey("403"));
        Assert.NotEmpty(metrics.Security!);
        Assert.Contains("No API key needed", document.Paths["/health"].Operations![HttpMethod.Get].Description);
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_swagger()
    {
        using var client = factory.CreateClient(null);

        var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<OpenApiDocument> LoadAsync() => (await OpenApiDocumentLoader.LoadAsync(factory)).Document;

    // Route constraints and defaults are not part of an OpenAPI path: /api/runs/{id:guid} → /api/runs/{id}.
    private static string ToOpenApiPath(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{\*?([^}:=?]+)[^}]*\}", "{$1}");
}
