using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using RuleEngine.Server.Security;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// Documents who may call each operation, from the same authorization metadata the server enforces:
/// "Roles: ops, admin." in the description, the API key requirement, and the ProblemDetails answers
/// for a missing key (401), a wrong role (403), a spent write quota (429) and a server failure (500).
/// </summary>
public sealed class AccessOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata.ToList();
        var roles = RequiredRoles.OfEndpoint(metadata);
        var access = roles is null ? "No API key needed." : $"Roles: {string.Join(", ", roles)}.";
        operation.Description = string.IsNullOrWhiteSpace(operation.Description) ? access : $"{operation.Description}\n\n{access}";

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        if (roles is not null) DocumentKeyRequirement(operation, context, metadata, problem);
        // An empty requirement: "no key needed", said explicitly so that no reader (or linter) has to guess.
        else operation.Security = [new OpenApiSecurityRequirement()];
        AddProblem(operation, StatusCodes.Status500InternalServerError, "The server failed; the body carries a traceId.", problem);
    }

    private static void DocumentKeyRequirement(OpenApiOperation operation, OperationFilterContext context, List<object> metadata, IOpenApiSchema problem)
    {
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(OpenApiSetup.SecuritySchemeId, context.Document)] = [],
        });
        AddProblem(operation, StatusCodes.Status401Unauthorized, "Missing or unknown API key.", problem);
        AddProblem(operation, StatusCodes.Status403Forbidden, "The key's role may not call this operation.", problem);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            AddProblem(operation, StatusCodes.Status429TooManyRequests, "Write quota of this key used up, or (run triggers) too many runs waiting; see Retry-After.", problem);
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        });
    }
}
