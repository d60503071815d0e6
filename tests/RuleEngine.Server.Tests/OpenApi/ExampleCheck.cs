using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace RuleEngine.Server.Tests.OpenApi;

/// <summary>
/// Whether an example fits its schema, as far as a client would notice: types, required properties, enum values,
/// undeclared properties where none are allowed (Redocly's no-invalid-media-type-examples, in small).
/// </summary>
public static class ExampleCheck
{
    public static List<string> Problems(JsonNode example, IOpenApiSchema schema, OpenApiDocument document, string where)
    {
        var problems = new List<string>();
        Check(example, schema, document, where, problems, 0);
        return problems;
    }

    static void Check(JsonNode? value, IOpenApiSchema schema, OpenApiDocument document, string where, List<string> problems, int depth)
    {
        if (depth > 20) return;
        if (schema is OpenApiSchemaReference reference)
        {
            Check(value, document.Components!.Schemas![reference.Reference.Id!], document, where, problems, depth + 1);
            return;
        }
        var type = schema.Type;
        if (value is null)
        {
            if (type is { } t && !t.HasFlag(JsonSchemaType.Null) && !IsNullable(schema)) problems.Add($"{where}: null where {t} is expected");
            return;
        }
        if (schema.Enum is { Count: > 0 } values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            problems.Add($"{where}: {value.ToJsonString()} is not one of {string.Join(", ", values.Select(v => v?.ToJsonString()))}");
        if (type is null) return;
        var kind = value.GetValueKind();
        var fits = kind switch
        {
            JsonValueKind.Object => type.Value.HasFlag(JsonSchemaType.Object),
            JsonValueKind.Array => type.Value.HasFlag(JsonSchemaType.Array),
            JsonValueKind.String => type.Value.HasFlag(JsonSchemaType.String),
            JsonValueKind.Number => type.Value.HasFlag(JsonSchemaType.Number) || (type.Value.HasFlag(JsonSchemaType.Integer) && IsWhole(value)),
            JsonValueKind.True or JsonValueKind.False => type.Value.HasFlag(JsonSchemaType.Boolean),
            _ => true,
        };
        if (!fits)
        {
            problems.Add($"{where}: {kind} where {type} is expected");
            return;
        }
        if (value is JsonArray array && schema.Items is { } items)
            for (var i = 0; i < array.Count; i++) Check(array[i], items, document, $"{where}[{i}]", problems, depth + 1);
        if (value is JsonObject obj)
        {
            foreach (var required in schema.Required ?? new HashSet<string>())
                if (!obj.ContainsKey(required)) problems.Add($"{where}: required '{required}' is missing");
            foreach (var (name, property) in obj)
            {
                if (schema.Properties?.TryGetValue(name, out var propertySchema) == true)
                    Check(property, propertySchema, document, $"{where}.{name}", problems, depth + 1);
                else if (schema.AdditionalProperties is { } additional)
                    Check(property, additional, document, $"{where}.{name}", problems, depth + 1);
                else if (!schema.AdditionalPropertiesAllowed && schema.Properties is { Count: > 0 })
                    problems.Add($"{where}: '{name}' is not a property of the schema");
            }
        }
    }

    static bool IsNullable(IOpenApiSchema schema) =>
        schema.Extensions?.ContainsKey("nullable") == true || schema is OpenApiSchema { Type: { } t } && t.HasFlag(JsonSchemaType.Null);

    static bool IsWhole(JsonNode value) => value.GetValue<JsonElement>().TryGetInt64(out _);
}
