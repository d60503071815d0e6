using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;

namespace RuleEngine.Ingest.Rows;

/// <summary>
/// One JSON object per line; row N is line N, blank lines are skipped, a bad line spoils only itself. Lines stay the
/// UTF-8 bytes they arrive in: an object is handed on unparsed (<see cref="SourceRow.Utf8"/>, for a mapper that reads it
/// in one pass, else <see cref="Parse(SourceRow, out SourceRow)"/>), anything else is parsed here into a pooled document
/// that is returned when the next row is asked for. Measured, decoding every line to a string and keeping a copy of its
/// document was most of the server's own work (and allocation) per ingested order; then the document itself was.
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
            var text = lines.Current.Span.TrimStart(" \t"u8);
            if (text.IsEmpty) continue;
            // An object in valid UTF-8 is handed on unparsed: the mapper may read it without a document (OrderJson).
            if (text[0] == (byte)'{' && Utf8.IsValid(lines.Current.Span))
            {
                yield return new SourceRow(line, default) { Utf8 = lines.Current };
                continue;
            }
            using var document = Parse(lines.Current, out var row);
            if (row is null) continue; // a line of other white space
            yield return row.Value with { Row = line };
        }
    }

    /// <summary>
    /// An unparsed row (<see cref="SourceRow.Utf8"/>) as a parsed one: the document (the caller disposes it once the row is
    /// used) and the row with its element or its error.
    /// </summary>
    public static JsonDocument? Parse(SourceRow unparsed, out SourceRow row)
    {
        var document = Parse(unparsed.Utf8, out var parsed);
        // A line starting with "{" is never blank, so it is always a row, read or refused.
        row = parsed!.Value with { Row = unparsed.Row };
        return document;
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
