using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using RuleEngine.Ingest;

namespace RuleEngine.Server.Data;

/// <summary>The HTTP side of ingest: content types, the server's own body limit and the error answers.</summary>
internal static class IngestHttp
{
    public static IngestFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        return media.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/json" => IngestFormat.JsonArray,
            "application/x-ndjson" or "application/ndjson" => IngestFormat.Ndjson,
            "text/csv" => IngestFormat.Csv,
            _ => null,
        };
    }

    /// <summary>Kestrel's default 30 MB cap would cut a bulk load short with an unclear error; ingest enforces its own limit instead.</summary>
    public static void LiftServerBodyLimit(HttpContext http, long maxBodyBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBodyBytes + 1;
    }

    /// <summary>400 with the same <c>accepted / rejected / errors</c> members a success has, as problem details.</summary>
    public static ProblemHttpResult Rejected(IngestResult result) => Problem(
        StatusCodes.Status400BadRequest,
        "Rows rejected",
        result.Accepted == 0
            ? $"{result.Rejected:N0} row(s) are invalid, so nothing was written. Fix them and send the request again, or add ?partial=true to write the valid rows."
            : $"{result.Rejected:N0} row(s) were rejected; the {result.Accepted:N0} valid rows were written.",
        new Dictionary<string, object?> { ["accepted"] = result.Accepted, ["rejected"] = result.Rejected, ["errors"] = result.Errors });

    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
}
