using Microsoft.Extensions.Options;
using RuleEngine.Server.Errors;

namespace RuleEngine.Server.Limits;

/// <summary>
/// Refuses a declared oversize body before anything reads it. Kestrel enforces the same limit on bodies
/// without a Content-Length while they are read (surfacing as a 413 BadHttpRequestException). Endpoints marked
/// <see cref="OwnBodyLimit"/> (ingest) apply their own, larger limit instead.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<LimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit && context.GetEndpoint()?.Metadata.GetMetadata<OwnBodyLimit>() is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body has {context.Request.ContentLength} bytes; this server accepts at most {limit} " +
                "(RuleEngine:Limits:MaxRequestBodyBytes). Send it in smaller batches.");
            return;
        }
        await next(context);
    }
}
