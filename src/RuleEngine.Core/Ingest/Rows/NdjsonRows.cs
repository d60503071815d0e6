using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;

namespace RuleEngine.Ingest.Rows;

/// <summary>
/// One JSON object per line; row N is line N, blank lines are skipped, a bad line spoils only itself. Lines are parsed
/// as the UTF-8 bytes they arrive in, each into a pooled document that is returned when the next row is asked for:
/// measured, decoding every line to a string and keeping a copy of its document was most of the server's own work
/// (and allocation) per ingested order.
/// </summary>
internal static class NdjsonRows
{
    public static async IAsyncEnumerable<SourceRow> Read(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new Utf8Lines(body);
        if (Utf16Or32(await lines.PeekAsync(4, cancellationToken)) is { } encoding)
        {
            yield return new SourceRow(1, default,
                $"The body is {encoding} (it starts with that byte order mark); NDJSON is read as UTF-8, as JSON exchanged between systems must be.", Fatal: true);
            yield break;
        }
        if ((await lines.PeekAsync(3, cancellationToken)).Span.SequenceEqual("\uFEFF"u8)) lines.Skip(3);
        long line = 0;
        while (await lines.NextAsync(cancellationToken))
        {
            line++;
            if (lines.Current.Span.Trim(" \t"u8).IsEmpty) continue;
            using var document = Parse(lines.Current, out var row);
            if (row is null) continue; // a line of other white space
            yield return row.Value with { Row = line };
        }
    }

    /// <summary>The line's document (the caller disposes it once the row is used), or null with the row's error.</summary>
    private static JsonDocument? Parse(ReadOnlyMemory<byte> line, out SourceRow? row)
    {
        // The byte parser does not check the UTF-8 inside strings (reading them later would throw): checked here.
        if (!Utf8.IsValid(line.Span))
        {
            row = Decoded(Encoding.UTF8.GetString(line.Span));
            return null;
        }
        try
        {
            var document = JsonDocument.Parse(line);
            row = new SourceRow(0, document.RootElement);
            return document;
        }
        catch (JsonException)
        {
            row = Decoded(Encoding.UTF8.GetString(line.Span));
            return null;
        }
    }

    /// <summary>
    /// A line the byte parser refused, as the decoded text: blank in Unicode's terms (skipped), or with its bytes that are
    /// not UTF-8 replaced by U+FFFD (accepted, as a text reader has always read them), or malformed.
    /// </summary>
    private static SourceRow? Decoded(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return new SourceRow(0, JsonSerializer.Deserialize<JsonElement>(text));
        }
        catch (JsonException ex)
        {
            return new SourceRow(0, default, $"Malformed JSON at byte {ex.BytePositionInLine + 1} of the line.");
        }
    }

    private static string? Utf16Or32(ReadOnlyMemory<byte> start) => start.Span switch
    {
        [0xFF, 0xFE, 0, 0] => "UTF-32 (little-endian)",
        [0, 0, 0xFE, 0xFF] => "UTF-32 (big-endian)",
        [0xFF, 0xFE, ..] => "UTF-16 (little-endian)",
        [0xFE, 0xFF, ..] => "UTF-16 (big-endian)",
        _ => null,
    };
}
