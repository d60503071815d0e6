using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// The client errors every operation can answer because of what it takes, as ProblemDetails, so that no endpoint
/// has to list them by hand: 400 for query parameters or a body (bad values are named), 404 for a route with an id,
/// 413 and 415 for a body. 401, 403 and 429 come from <see cref="AccessOperationFilter"/>; answers an endpoint
/// declares itself (<c>.ProducesProblem(409)</c>, typed results) are kept as declared.
/// </summary>
public sealed class ClientErrorsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var parameters = context.ApiDescription.ParameterDescriptions;
        var hasBody = operation.RequestBody is not null;
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        if (hasBody || parameters.Any(p => p.Source?.Id == "Query"))
            Add(operation, StatusCodes.Status400BadRequest, "The request is invalid; the problem names the parameter or field and says why.", problem);
        if (parameters.Any(p => p.Source?.Id == "Path"))
            Add(operation, StatusCodes.Status404NotFound, "Nothing exists under this id; the problem says how to list what does.", problem);
        if (hasBody)
        {
            Add(operation, StatusCodes.Status413PayloadTooLarge, "The body is over the server's limit (RuleEngine:Limits:MaxRequestBodyBytes, or RuleEngine:Ingest for ingest).", problem);
            Add(operation, StatusCodes.Status415UnsupportedMediaType, "The Content-Type is not one this operation reads (see its request body).", problem);
        }
    }

    static void Add(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        });
    }
}
