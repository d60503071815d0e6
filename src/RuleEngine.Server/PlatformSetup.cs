using RuleEngine.Server.Errors;
using RuleEngine.Server.Limits;
using RuleEngine.Server.Logging;
using RuleEngine.Server.OpenApi;
using RuleEngine.Server.Operations;
using RuleEngine.Server.Security;

namespace RuleEngine.Server;

/// <summary>The HTTP platform every feature sits on: logging, errors, keys and roles, limits, OpenAPI, health and metrics.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddRuleEnginePlatform(this WebApplicationBuilder builder) =>
        builder.AddRuleEngineLogging()
            .AddProblemDetailsErrors()
            .AddApiKeyAuthentication()
            .AddRequestLimits()
            .AddOperations()
            .AddRuleEngineOpenApi();

    /// <summary>The middleware, outermost first; the order is the design.</summary>
    public static WebApplication UseRuleEnginePlatform(this WebApplication app)
    {
        // Outside the exception handler, so each request is logged once with the status the caller got.
        app.UseRuleEngineRequestLogging();
        app.UseProblemDetailsErrors();
        app.UseRequestBodyLimit();
        app.UseRequestMetrics();
        // Before authentication: the API description answers without a key (see docs/operations.md).
        app.UseRuleEngineOpenApi();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authentication, so that an unknown caller gets its 401 whatever the body.
        app.UseMiddleware<RequestCharsetCheck>();
        // After authorization, so the rate limit partitions by the caller's key.
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapRuleEnginePlatform(this WebApplication app)
    {
        app.MapOperations();
        app.MapWhoAmI();
        return app;
    }
}
