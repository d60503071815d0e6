using System.Text.Json;
using System.Text.Json.Serialization;
using RuleEngine.Scripting;

namespace RuleEngine.Benefits.Catalog;

/// <summary>
/// Reads <c>catalog.json</c>: first as JSON (a syntax error or a misspelt field is a diagnostic at its line and
/// column), then checks what JSON cannot: ids unique, references known, costs and stock not negative, odds summing
/// to 1. Any error means the catalog is refused whole and the last good one stays in force.
/// </summary>
public static class CatalogParser
{
    /// <summary>Diagnostic id of catalog problems (rules' own ids are RE00xx).</summary>
    public const string DiagnosticId = "RE0040";

    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static (BenefitCatalog? Catalog, IReadOnlyList<RuleDiagnostic> Diagnostics) Parse(string content, string path)
    {
        BenefitCatalog? catalog;
        try
        {
            catalog = JsonSerializer.Deserialize<BenefitCatalog>(content, Options);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } at ? $" at {at}" : "";
            return (null, [RuleDiagnostic.Error(DiagnosticId, $"The catalog is not valid JSON{where}: {FirstSentence(e.Message)}", path,
                (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1)]);
        }
        if (catalog is null) return (null, [RuleDiagnostic.Error(DiagnosticId, "The catalog is empty; write { \"items\": [ ... ] }.", path)]);
        var problems = CatalogValidator.Validate(catalog)
            .Select(p => RuleDiagnostic.Error(DiagnosticId, p.Message, path, LineOf(content, p.Near), 1))
            .ToList();
        return (problems.Count == 0 ? catalog : null, problems);
    }

    /// <summary>The line of the first <c>"id": "&lt;near&gt;"</c> (or of <paramref name="near"/> quoted), so a problem points at its entry.</summary>
    static int LineOf(string content, string? near)
    {
        if (near is null) return 1;
        var quoted = JsonSerializer.Serialize(near);
        var index = content.IndexOf($"\"id\": {quoted}", StringComparison.Ordinal);
        if (index < 0) index = content.IndexOf(quoted, StringComparison.Ordinal);
        return index < 0 ? 1 : content.AsSpan(0, index).Count('\n') + 1;
    }

    static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
}
