using Microsoft.OpenApi;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>. Both answer
/// without a key: the document describes the API, not its data, and the UI needs it before the user can
/// enter a key with "Authorize". The filters make every endpoint, present and future, follow the same
/// conventions (docs/operations.md, "OpenAPI document"); OpenApiConventionTests checks each operation.
/// </summary>
public static class OpenApiSetup
{
    public const string SecuritySchemeId = "ApiKey";
    public const string DocumentName = "v1";
    public const string DocumentPath = $"/swagger/{DocumentName}/swagger.json";

    public static WebApplicationBuilder AddRuleEngineOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "RuleEngine",
                Version = DocumentName,
                Description = "Rules and scripting automation for CRM. Send your API key in the X-Api-Key header; " +
                              "each operation names the roles that may call it. Errors are RFC 7807 problem details.",
            });
            options.AddSecurityDefinition(SecuritySchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key from RuleEngine:ApiKeys; its role decides what it may call.",
            });
            foreach (var xml in new[] { "RuleEngine.Server.xml", "RuleEngine.Core.xml" }.Select(f => Path.Combine(AppContext.BaseDirectory, f)).Where(File.Exists))
                options.IncludeXmlComments(xml);
            // In this order: bodies first (the others look at whether there is one).
            options.OperationFilter<RequestBodyOperationFilter>();
            options.OperationFilter<AccessOperationFilter>();
            options.OperationFilter<ClientErrorsOperationFilter>();
            options.OperationFilter<OperationIdFilter>();
            options.DocumentFilter<DocumentConventions>();
        });
        return builder;
    }

    public static IApplicationBuilder UseRuleEngineOpenApi(this IApplicationBuilder app)
    {
        app.UseSwagger(options =>
            // The server as the caller reached it (behind a proxy, its forwarded address): a generated client needs a base URL.
            options.PreSerializeFilters.Add((document, request) =>
                document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}", Description = "This server" }]));
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "RuleEngine v1");
            options.EnablePersistAuthorization();
        });
        return app;
    }
}
