using System.Text;
using RuleEngine.Scripting;

namespace RuleEngine.Server.Rules;

/// <summary>Reads a rule script sent as the request body (<c>text/plain</c>), refusing oversize scripts with a clear 413.</summary>
internal static class ScriptBody
{
    public const int MaxBytes = RuleEngine.Scripting.RuleSizeLimit.MaxBytes;

    public static async Task<(string? Text, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellation)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return (null, TypedResults.Problem("The request body is empty: send the rule script as text/plain.",
                statusCode: StatusCodes.Status400BadRequest, title: "Empty rule script"));
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException e)
        {
            return (null, TypedResults.Problem($"The rule script is not valid UTF-8 (byte {e.Index}).",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid rule script encoding"));
        }
        // Refused here, on either backend, naming where it is (see RuleText: PostgreSQL cannot store a NUL).
        if (RuleText.FirstNul(text) is var (line, column))
            return (null, TypedResults.Problem($"The rule script contains a NUL character (U+0000) at line {line}, column {column}; rule files are text.",
                statusCode: StatusCodes.Status400BadRequest, title: "NUL character in rule script"));
        return (text, null);
    }

    static IResult TooLarge() => TypedResults.Problem(
        $"The rule script is larger than {MaxBytes / 1024} KB; split shared code into rules/_shared/ helpers.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Rule script too large");
}
