using System.Text.Json;

namespace RuleEngine.Console.Model;

// The editing calls (POST /api/rules/diagnostics, completions, hover, tests; GET script-api), as the editor reads them.

public sealed record DiagnosticsAnswer(IReadOnlyList<Diagnostic> Diagnostics);

public sealed record CompletionItem(string Label, string? Kind, string? Detail, string? Documentation, string? InsertText);

public sealed record CompletionsAnswer(IReadOnlyList<CompletionItem> Items);

public sealed record HoverAnswer(string? Markdown);

/// <summary>One given/expect case run against a draft. Expected and actual are kept as the server wrote them (full precision).</summary>
public sealed record TestCaseResult(string Name, bool Passed, string? Message, string? Expected, string? Actual);

/// <summary>One member of the script API as the reference page lists it.</summary>
public sealed record ScriptApiMember(string Name, string? Kind, string? Type, string? Signature, string? Documentation, string? Group);

/// <summary>Shapes of JSON whose exact layout the console reads leniently (names of the arrays differ between answers).</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The array itself, or the first array property of an object among <paramref name="names"/>.</summary>
    public static JsonElement? ArrayIn(JsonElement element, params string[] names)
    {
        if (element.ValueKind == JsonValueKind.Array) return element;
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array && names.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                return property.Value;
        }
        return null;
    }

    public static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
        {
            if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            return Show(property.Value);
        }
        return null;
    }

    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }
        return null;
    }

    public static long? Long(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var value) ? value : null;

    public static DateTime? Date(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } s && s.TryGetDateTime(out var value) ? value.ToUniversalTime() : null;

    /// <summary>A value as a person reads it: strings bare, numbers exactly as sent (no rounding), the rest as JSON.</summary>
    public static string? Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
