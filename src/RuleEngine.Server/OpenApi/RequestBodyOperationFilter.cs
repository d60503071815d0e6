using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// Every request body has a schema and an example: rows bodies (<see cref="RowsBody"/>) get their three content
/// types, a <see cref="RequestExample"/> on the endpoint is used as given, and any other body gets an example built
/// from its schema (<see cref="SchemaExample"/>), so a new endpoint is documented usefully without hand work.
/// </summary>
public sealed class RequestBodyOperationFilter : IOperationFilter
{
    public const string Ndjson = "application/x-ndjson";
    public const string Csv = "text/csv";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RowsBody>().LastOrDefault() is { } rows) operation.RequestBody = RowsRequestBody(rows, context);
        if (operation.RequestBody?.Content is not { } content) return;
        var examples = metadata.OfType<RequestExample>().ToList();
        foreach (var (contentType, media) in content)
        {
            if (media is not OpenApiMediaType editable || editable.Example is not null) continue;
            editable.Example = examples.LastOrDefault(e => e.ContentType == contentType)?.Example.DeepClone()
                               ?? (editable.Schema is { } schema ? SchemaExample.For(schema, context.SchemaRepository) : null);
        }
    }

    static OpenApiRequestBody RowsRequestBody(RowsBody rows, OperationFilterContext context)
    {
        var row = context.SchemaGenerator.GenerateSchema(rows.RowType, context.SchemaRepository);
        return new OpenApiRequestBody
        {
            Required = true,
            Description = rows.Description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = row },
                    Example = rows.JsonExample.DeepClone(),
                },
                // One row object per line; the schema is the line's.
                [Ndjson] = new OpenApiMediaType { Schema = row, Example = rows.JsonExample[0]!.DeepClone() },
                [Csv] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "A header line naming the columns (the row's fields; attributes.x, consent.x, properties.x for nested ones; tags split on ';'), then one row per line, RFC 4180 quoting.",
                    },
                    Example = JsonValue.Create(rows.CsvExample),
                },
            },
        };
    }
}
