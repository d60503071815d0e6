using System.Text.Json;

namespace RuleEngine.Ingest.Rows;

/// <summary>
/// One input row as a JSON object whatever the format (CSV rows are converted), or why it could not be read.
/// <see cref="Fatal"/>: the rest of the body cannot be read either (a JSON array broken mid-way). The element may live in
/// a pooled document (NDJSON): it is valid until the next row is read, so whatever is kept is copied out of it first.
/// </summary>
internal readonly record struct SourceRow(long Row, JsonElement Element, string? Error = null, bool Fatal = false)
{
    /// <summary>
    /// An NDJSON row not parsed yet: its object's UTF-8 bytes (<see cref="Element"/> is then undefined), valid until the next
    /// row is read. A mapper may read them straight; otherwise <see cref="NdjsonRows.Parse(SourceRow, out SourceRow)"/> makes the element.
    /// </summary>
    public ReadOnlyMemory<byte> Utf8 { get; init; }

    public bool IsParsed => Utf8.IsEmpty;
}

/// <summary>Reads rows from a request body, streaming: only the current row is held.</summary>
internal static class RowSource
{
    public static IAsyncEnumerable<SourceRow> Read(Stream body, IngestFormat format, CancellationToken cancellationToken) => format switch
    {
        IngestFormat.JsonArray => JsonArrayRows.Read(body, cancellationToken),
        IngestFormat.Ndjson => NdjsonRows.Read(body, cancellationToken),
        IngestFormat.Csv => CsvRows.Read(body, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
