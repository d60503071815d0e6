using Microsoft.OpenApi;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.OpenApi;

/// <summary>The served document, parsed and validated by Microsoft.OpenApi.</summary>
public static class OpenApiDocumentLoader
{
    public static async Task<(OpenApiDocument Document, string Json)> LoadAsync(RuleEngineAppFactory factory)
    {
        using var client = factory.CreateClient(null);
        var json = await client.GetStringAsync("/swagger/v1/swagger.json");
        var result = OpenApiDocument.Parse(json, "json");
        Assert.True(result.Diagnostic!.Errors.Count == 0, string.Join("; ", result.Diagnostic.Errors.Select(e => e.Message)));
        var document = result.Document!;
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        return (document, json);
    }

    public static IEnumerable<(string Name, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => path.Value.Operations!.Select(o => ($"{o.Key.Method.ToUpperInvariant()} {path.Key}", o.Value)));
}
