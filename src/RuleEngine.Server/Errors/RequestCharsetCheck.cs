using System.Text;
using Microsoft.Net.Http.Headers;

namespace RuleEngine.Server.Errors;

/// <summary>
/// Refuses a body whose Content-Type names a charset .NET does not know (<c>application/json; charset=bogus</c>)
/// with 415. Minimal APIs' JSON binding throws InvalidOperationException for it, which reached callers as a 500.
/// </summary>
public sealed class RequestCharsetCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media) && media.Charset.HasValue && !IsKnown(media.Charset.Value!))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The charset '{media.Charset.Value}' of the Content-Type is not one this server can read; send UTF-8.");
            return;
        }
        await next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }
}
