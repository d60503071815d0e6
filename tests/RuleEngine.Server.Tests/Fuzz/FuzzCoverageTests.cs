using System.Text.Json;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>The fuzz walks <see cref="RoleMatrix.Endpoints"/>; this keeps that list a superset of the OpenAPI document.</summary>
public class FuzzCoverageTests(RuleEngineAppFactory app) : IClassFixture<RuleEngineAppFactory>
{
    [Fact]
    public async Task Every_operation_in_the_openapi_document_is_fuzzed()
    {
        using var client = app.CreateClient(null);
        var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var fuzzed = RoleMatrix.Endpoints.Select(e => e.ToString()).ToHashSet();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();

        Assert.True(operations.Count >= 25, $"only {operations.Count} operations in the document");
        Assert.All(operations, operation => Assert.Contains(operation, fuzzed));
    }
}
