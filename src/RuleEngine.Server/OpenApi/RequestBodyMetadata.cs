using System.Text.Json.Nodes;

namespace RuleEngine.Server.OpenApi;

/// <summary>An example request body for one content type, shown in the document instead of one built from the schema.</summary>
public sealed record RequestExample(string ContentType, JsonNode Example);

/// <summary>
/// A body of rows the endpoint reads itself (from the request stream): a JSON array of <see cref="RowType"/>, the
/// same rows as NDJSON (one object per line), or CSV with a header line.
/// </summary>
public sealed record RowsBody(Type RowType, string Description, JsonArray JsonExample, string CsvExample);

public static class RequestBodyConventions
{
    /// <summary>Documents <paramref name="example"/> (JSON text, or plain text for non-JSON content types) as the body example.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string contentType, string example)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(contentType, contentType.Contains("json", StringComparison.Ordinal)
            ? JsonNode.Parse(example)!
            : JsonValue.Create(example)));

    /// <summary>Documents a rows body (see <see cref="RowsBody"/>) with its examples: a JSON array and the same rows as CSV.</summary>
    public static RouteHandlerBuilder AcceptsRows<TRow>(this RouteHandlerBuilder builder, string description, string jsonArrayExample, string csvExample) =>
        builder.WithMetadata(new RowsBody(typeof(TRow), description, JsonNode.Parse(jsonArrayExample)!.AsArray(), csvExample));
}
