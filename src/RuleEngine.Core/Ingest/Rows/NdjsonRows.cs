using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace RuleEngine.Ingest.Rows;

/// <summary>One JSON object per line; row N is line N, blank lines are skipped, a bad line spoils only itself.</summary>
internal static class NdjsonRows
{
    public static async IAsyncEnumerable<SourceRow> Read(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return Parse(line, text);
        }
    }

    private static SourceRow Parse(long line, string text)
    {
        try
        {
            return new SourceRow(line, JsonSerializer.Deserialize<JsonElement>(text));
        }
        catch (JsonException ex)
        {
            return new SourceRow(line, default, $"Malformed JSON at byte {ex.BytePositionInLine + 1} of the line.");
        }
    }
}
