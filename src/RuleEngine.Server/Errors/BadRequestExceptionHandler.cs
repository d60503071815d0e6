using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace RuleEngine.Server.Errors;

/// <summary>
/// Turns request binding failures (malformed JSON, wrong types, unsupported media type, oversize body)
/// into ProblemDetails that say what is wrong and where, with the status the framework chose.
/// </summary>
public sealed class BadRequestExceptionHandler(ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;

        var detail = Describe(badRequest);
        logger.LogInformation("Rejected {Method} {Path} with {StatusCode}: {Detail}",
            context.Request.Method, context.Request.Path.Value, badRequest.StatusCode, detail);
        await ProblemResponses.WriteAsync(context, badRequest.StatusCode, TitleFor(badRequest.StatusCode), detail);
        return true;
    }

    private static string Describe(BadHttpRequestException exception) => exception.InnerException switch
    {
        // The JSON reader's message names the problem and its place: "... Path: $.amount | LineNumber: 0 | BytePositionInLine: 12."
        JsonException json => $"{exception.Message} {json.Message}",
        _ when exception.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            "The request body is larger than this server accepts (RuleEngine:Limits:MaxRequestBodyBytes). Send it in smaller batches.",
        _ => exception.Message,
    };

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Invalid request",
    };
}
