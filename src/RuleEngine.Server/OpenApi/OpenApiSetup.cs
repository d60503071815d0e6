using Microsoft.OpenApi;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>. Both answer
/// without a key: the document describes the API, not its data, and the UI needs it before the user can
/// enter a key with "Authorize".
/// </summary>
public static class OpenApiSetup
{
    public const string SecuritySchemeId = "ApiKey";
    public const string DocumentName = "v1";

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
            options.OperationFilter<AccessOperationFilter>();
        });
        return builder;
    }

    public static IApplicationBuilder UseRuleEngineOpenApi(this IApplicationBuilder app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "RuleEngine v1");
            options.EnablePersistAuthorization();
        });
        return app;
    }
}
