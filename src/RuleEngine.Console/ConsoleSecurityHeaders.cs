using Microsoft.AspNetCore.Http;

namespace RuleEngine.Console;

/// <summary>
/// Browser-side defences on every console response (see docs/architecture.md, "Console security"). The API's JSON
/// needs none of them and Swagger UI (inline scripts) could not work under them, so only console endpoints get them.
/// </summary>
public sealed class ConsoleSecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// Scripts only from this server (no inline script, no eval, no CDN): blazor.web.js, Monaco's AMD loader and our
    /// module. Monaco needs two allowances, and only these: <c>worker-src blob:</c> (it starts its editor worker
    /// from a blob URL) and <c>style-src 'unsafe-inline'</c> (it positions every line and widget with inline styles and
    /// injects its theme as a style element; Blazor's reconnect dialog does too). Styles cannot run script.
    /// <c>connect-src 'self'</c> covers the circuit's WebSocket on the same origin.
    /// </summary>
    public const string Policy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "worker-src 'self' blob:; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ConsoleEndpoint>() is not null)
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }
        return next(context);
    }
}
