using System.Text;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>One generated request. <see cref="ToString"/> is what a failure message shows to reproduce it by hand.</summary>
/// <param name="ContentType">Sent as is, unvalidated (null: no Content-Type header).</param>
/// <param name="ApiKeys">The X-Api-Key header values, sent unvalidated (empty: no header).</param>
public sealed record FuzzRequest(string Method, string PathAndQuery, byte[]? Body, string? ContentType, IReadOnlyList<string> ApiKeys)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        foreach (var key in ApiKeys) message.Headers.TryAddWithoutValidation("X-Api-Key", key);
        if (Body is null && ContentType is null) return message;
        message.Content = new ByteArrayContent(Body ?? []);
        if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "no body" : $"{Body.Length} bytes: {Preview(Encoding.UTF8.GetString(Body))}";
        return $"{Method} {Preview(PathAndQuery)} [Content-Type: {ContentType ?? "none"}] [{body}]";
    }

    private static string Preview(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} chars)";
}
