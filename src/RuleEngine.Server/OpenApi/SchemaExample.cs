using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// A value that satisfies a schema, for bodies nobody wrote an example for: every property present, strings by
/// their format ("2026-11-22T08:00:00Z" for date-time), the first enum value, one item per array.
/// </summary>
public static class SchemaExample
{
    const int MaxDepth = 6;

    public static JsonNode? For(IOpenApiSchema schema, SchemaRepository schemas) => Build(schema, schemas, 0);

    static JsonNode? Build(IOpenApiSchema schema, SchemaRepository schemas, int depth)
    {
        if (schema is OpenApiSchemaReference reference)
            return reference.Reference.Id is { } id && schemas.Schemas.TryGetValue(id, out var target) && depth < MaxDepth
                ? Build(target, schemas, depth + 1)
                : null;
        if (schema.Examples is { Count: > 0 } given) return given[0]?.DeepClone();
        if (schema.Enum is { Count: > 0 } values) return values.First()?.DeepClone();
        if (schema.AllOf is { Count: > 0 } all) return Build(all.First(), schemas, depth + 1);
        if (schema.OneOf is { Count: > 0 } one) return Build(one.First(), schemas, depth + 1);
        if (schema.AnyOf is { Count: > 0 } any) return Build(any.First(), schemas, depth + 1);
        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : 0);
        if (type.HasFlag(JsonSchemaType.Object))
        {
            var result = new JsonObject();
            if (depth >= MaxDepth) return result;
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                result[name] = Build(property, schemas, depth + 1);
            if (schema.AdditionalProperties is { } values2 && result.Count == 0)
                result["key"] = Build(values2, schemas, depth + 1);
            return result;
        }
        if (type.HasFlag(JsonSchemaType.Array))
            return schema.Items is { } items && depth < MaxDepth ? new JsonArray(Build(items, schemas, depth + 1)) : new JsonArray();
        if (type.HasFlag(JsonSchemaType.String)) return JsonValue.Create(schema.Format switch
        {
            "date-time" => "2026-11-22T08:00:00Z",
            "date" => "2026-11-22",
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            _ => "text",
        });
        if (type.HasFlag(JsonSchemaType.Integer)) return JsonValue.Create(schema.Minimum is { } min && decimal.TryParse(min, out var m) ? (long)Math.Max(m, 1) : 1);
        if (type.HasFlag(JsonSchemaType.Number)) return JsonValue.Create(1.5);
        if (type.HasFlag(JsonSchemaType.Boolean)) return JsonValue.Create(false);
        return null;
    }
}
