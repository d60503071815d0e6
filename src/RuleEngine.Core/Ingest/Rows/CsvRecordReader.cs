using System.Text;

namespace RuleEngine.Ingest.Rows;

/// <summary>RFC 4180 records: comma-separated, double-quoted cells may hold commas, doubled quotes and line breaks.</summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _cell = new();

    /// <summary>The line the last record started on (1-based).</summary>
    public long StartLine { get; private set; }

    private long _line;

    /// <summary>The next record's cells, or null at the end; throws <see cref="FormatException"/> on a quote left open.</summary>
    public async Task<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        string? text;
        do
        {
            text = await reader.ReadLineAsync(cancellationToken);
            _line++;
            if (text is null) return null;
        } while (text.Length == 0);
        StartLine = _line;
        var cells = new List<string>();
        _cell.Clear();
        var quoted = false;
        while (true)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c != '"') _cell.Append(c);
                    else if (i + 1 < text.Length && text[i + 1] == '"') { _cell.Append('"'); i++; }
                    else quoted = false;
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { cells.Add(_cell.ToString()); _cell.Clear(); }
                else _cell.Append(c);
            }
            if (!quoted) break;
            // A quoted cell goes on over the line break.
            text = await reader.ReadLineAsync(cancellationToken)
                ?? throw new FormatException($"A quoted cell that starts on line {StartLine} is never closed.");
            _line++;
            _cell.Append('\n');
        }
        cells.Add(_cell.ToString());
        return cells;
    }
}
