using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace RuleEngine.Ingest.Rows;

/// <summary>
/// CSV with a header line; row N is line N of the file (the header is line 1), as a spreadsheet numbers it.
/// Each record becomes the JSON object the JSON formats would send: <c>tags</c> is split on ';',
/// a column <c>attributes.skinType</c> becomes <c>attributes: { skinType }</c>, empty cells are absent.
/// </summary>
internal static class CsvRows
{
    public static async IAsyncEnumerable<SourceRow> Read(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        using var reader = await CsvRecordReader.OpenAsync(text, cancellationToken);
        List<string>? header;
        string? headerError = null;
        try
        {
            header = await reader.ReadAsync(cancellationToken);
            headerError = header is null ? "The CSV body is empty: a header line is required." : CheckHeader(header);
        }
        catch (FormatException ex)
        {
            header = null;
            headerError = ex.Message;
        }
        if (headerError is not null)
        {
            yield return new SourceRow(1, default, headerError, Fatal: true);
            yield break;
        }
        while (true)
        {
            SourceRow row;
            try
            {
                if (await reader.ReadAsync(cancellationToken) is not { } cells) yield break;
                row = cells.Count == header!.Count
                    ? new SourceRow(reader.StartLine, ToJson(header, cells))
                    : new SourceRow(reader.StartLine, default, $"Expected {header.Count} cells as in the header, found {cells.Count}.");
            }
            catch (FormatException ex)
            {
                row = new SourceRow(reader.StartLine, default, ex.Message, Fatal: true);
            }
            yield return row;
            if (row.Fatal) yield break;
        }
    }

    private static string? CheckHeader(List<string> header)
    {
        if (header.Any(string.IsNullOrWhiteSpace)) return "The CSV header has an empty column name.";
        var duplicate = header.GroupBy(h => h.Trim()).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"The CSV header names column '{duplicate.Key}' twice.";
    }

    private static JsonElement ToJson(List<string> header, List<string> cells)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var group in header.Select((name, i) => (Name: name.Trim(), Cell: cells[i])).Where(c => c.Cell.Length > 0)
                         .GroupBy(c => c.Name.Split('.', 2) is [var parent, _] ? parent : null))
            {
                if (group.Key is null) foreach (var (name, cell) in group) WriteCell(json, name, cell);
                else
                {
                    json.WriteStartObject(group.Key);
                    foreach (var (name, cell) in group) json.WriteString(name[(group.Key.Length + 1)..], cell);
                    json.WriteEndObject();
                }
            }
            json.WriteEndObject();
        }
        return JsonSerializer.Deserialize<JsonElement>(buffer.WrittenSpan);
    }

    private static void WriteCell(Utf8JsonWriter json, string name, string cell)
    {
        if (name != "tags")
        {
            json.WriteString(name, cell);
            return;
        }
        json.WriteStartArray(name);
        foreach (var tag in cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) json.WriteStringValue(tag);
        json.WriteEndArray();
    }
}
