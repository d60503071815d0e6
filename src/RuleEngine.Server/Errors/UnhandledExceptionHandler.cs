using Microsoft.AspNetCore.Diagnostics;

namespace RuleEngine.Server.Errors;

/// <summary>The last resort: logs the exception and answers 500 with a trace id (503 while storage is faulted), never with the stack trace.</summary>
public sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path.Value);
        // Once storage has faulted, reads fail too (LiteDB closes its engine): the cause is the fault, and the cure a restart.
        if (((exception as Storage.StorageFaultedException)?.Message ?? context.RequestServices.GetService<Storage.IStorageHealth>()?.Problem) is { } problem)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Storage unavailable", problem);
            return true;
        }
        await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error",
            "The server failed to handle this request. The error is logged; quote the traceId when reporting it.");
        return true;
    }
}
