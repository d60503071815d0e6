using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.OpenApi;

/// <summary>
/// What Redocly's recommended ruleset checks (docs/operations.md, "OpenAPI document"), walked over every operation in
/// the served document so that CI needs no Node, and so that an endpoint added later is held to the same rules:
/// servers, security defined and applied, unique operationIds, request bodies with schema and a valid example,
/// ProblemDetails 4xx answers, success answers with a schema, tag descriptions.
/// </summary>
public sealed class OpenApiConventionTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    /// <summary>Writes that take no body. A POST, PUT or PATCH that reads one must declare it (.Accepts, .AcceptsRows, a typed parameter).</summary>
    static readonly HashSet<string> BodylessWrites = ["POST /api/runs/{id}/cancel", "POST /api/runs/{id}/rerun"];

    async Task<OpenApiDocument> DocumentAsync() => (await OpenApiDocumentLoader.LoadAsync(factory)).Document;

    static List<(string Name, OpenApiOperation Operation)> Operations(OpenApiDocument document) => OpenApiDocumentLoader.Operations(document).ToList();

    [Fact]
    public async Task The_document_names_a_server()
    {
        var document = await DocumentAsync();

        var server = Assert.Single(document.Servers!);
        Assert.True(Uri.TryCreate(server.Url, UriKind.Absolute, out _), server.Url);
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id()
    {
        var ids = Operations(await DocumentAsync()).Select(o => (o.Name, Id: o.Operation.OperationId)).ToList();

        Assert.All(ids, o => Assert.False(string.IsNullOrWhiteSpace(o.Id), $"{o.Name} has no operationId"));
        var repeated = ids.GroupBy(o => o.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(o => o.Name))}");
        Assert.Empty(repeated);
    }

    [Fact]
    public async Task Every_operation_says_which_security_applies_and_the_scheme_is_defined()
    {
        var document = await DocumentAsync();

        var scheme = document.Components!.SecuritySchemes![RuleEngine.Server.OpenApi.OpenApiSetup.SecuritySchemeId];
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "X-Api-Key"), (scheme.Type!.Value, scheme.In!.Value, scheme.Name));
        foreach (var (name, operation) in Operations(document))
        {
            Assert.True(operation.Security is { Count: > 0 }, $"{name} has no security (use an empty requirement for anonymous operations)");
            var schemes = operation.Security!.SelectMany(r => r.Keys).ToList();
            Assert.All(schemes, s => Assert.True(document.Components.SecuritySchemes.ContainsKey(s.Reference.Id!), $"{name} uses undefined scheme {s.Reference.Id}"));
            var anonymous = operation.Description!.Contains("No API key needed", StringComparison.Ordinal);
            Assert.True(anonymous == (schemes.Count == 0), $"{name}: security {(schemes.Count == 0 ? "none" : "ApiKey")} but its description says otherwise");
        }
    }

    [Fact]
    public async Task Every_write_that_takes_a_body_documents_it_with_a_schema_and_an_example_that_fits_it()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            var write = name.Split(' ')[0] is "POST" or "PUT" or "PATCH";
            if (operation.RequestBody is null)
            {
                Assert.False(write && !BodylessWrites.Contains(name),
                    $"{name} documents no request body: declare the body it reads, or add it to {nameof(BodylessWrites)} if it takes none");
                continue;
            }
            Assert.NotEmpty(operation.RequestBody.Content!);
            foreach (var (contentType, media) in operation.RequestBody.Content!)
            {
                Assert.True(media.Schema is not null, $"{name} {contentType} has no schema");
                Assert.True(media.Example is not null, $"{name} {contentType} has no example");
                if (contentType.Contains("json", StringComparison.Ordinal))
                    Assert.Empty(ExampleCheck.Problems(media.Example!, media.Schema!, document, $"{name} {contentType}"));
            }
        }
    }

    [Fact]
    public async Task Every_operation_documents_its_client_errors_as_problem_details()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            var codes = operation.Responses!.Keys.ToHashSet();
            var expected = new List<string>();
            if (operation.Security!.Any(r => r.Count > 0)) expected.AddRange(["401", "403"]);
            if (name.Contains('{')) expected.Add("404");
            if (operation.RequestBody is not null) expected.AddRange(["400", "413", "415"]);
            if (operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true) expected.Add("400");
            Assert.All(expected, code => Assert.True(codes.Contains(code), $"{name} does not document {code}"));
            // Anonymous operations without input (health) have no client error to report; everything else has some.
            var takesInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 } || expected.Count > 0;
            if (takesInput) Assert.True(codes.Any(c => c.StartsWith('4')), $"{name} documents no 4xx answer");
            foreach (var (code, response) in operation.Responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')))
            {
                if (operation.Responses[code].Content is not { } content) continue;
                var problem = content.Where(c => c.Key == "application/problem+json").Select(c => c.Value).FirstOrDefault();
                Assert.True(problem?.Schema is not null || content.Keys.Any(k => k.Contains("json", StringComparison.Ordinal)),
                    $"{name} {code} is not a problem details answer: {string.Join(", ", content.Keys)} ({response.Description})");
            }
        }
    }

    [Fact]
    public async Task Every_success_answer_has_a_schema()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            var successes = operation.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
            Assert.True(successes.Count > 0, $"{name} documents no success answer");
            foreach (var (code, response) in successes.Where(r => r.Key != "204"))
            {
                Assert.True(response.Content is { Count: > 0 }, $"{name} {code} has no content; declare it (.Produces<T>(status))");
                Assert.All(response.Content!, c => Assert.True(c.Value.Schema is not null, $"{name} {code} {c.Key} has no schema"));
            }
        }
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_every_tag_a_description()
    {
        var document = await DocumentAsync();

        Assert.All(Operations(document), o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.Summary), $"{o.Name} has no summary"));
        var used = Operations(document).SelectMany(o => o.Operation.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
        var described = document.Tags!.Where(t => !string.IsNullOrWhiteSpace(t.Description)).Select(t => t.Name).ToHashSet();
        Assert.True(used.IsSubsetOf(described),
            $"Tags without a description: {string.Join(", ", used.Except(described))}; add them to DocumentConventions.TagDescriptions");
    }

    [Fact]
    public void Operation_ids_are_derived_from_method_and_route()
    {
        Assert.Equal("getRunsByIdLogs", RuleEngine.Server.OpenApi.OperationIdFilter.Derive("GET", "api/runs/{id}/logs"));
        Assert.Equal("postCustomers", RuleEngine.Server.OpenApi.OperationIdFilter.Derive("POST", "api/customers"));
        Assert.Equal("getSegmentsByKindTrend", RuleEngine.Server.OpenApi.OperationIdFilter.Derive("GET", "api/segments/{kind:alpha}/trend"));
        Assert.Equal("getHealthReady", RuleEngine.Server.OpenApi.OperationIdFilter.Derive("GET", "health/ready"));
    }
}
