using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace RuleEngine.Server.Errors;

public static class ErrorHandlingSetup
{
    /// <summary>Every error response, from any layer, as RFC 7807 <c>application/problem+json</c>.</summary>
    public static WebApplicationBuilder AddProblemDetailsErrors(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        // Order matters: the first handler that accepts the exception answers.
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();
        // By default minimal APIs throw binding errors only in Development and otherwise answer an empty 400;
        // throwing everywhere lets BadRequestExceptionHandler explain the problem to the caller.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static IApplicationBuilder UseProblemDetailsErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        // Empty 4xx/5xx answers (404 unknown route, 405 wrong method...) get a ProblemDetails body.
        app.UseStatusCodePages();
        return app;
    }
}
