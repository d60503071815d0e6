using Sylvan.Data.Csv;

namespace RuleEngine.Ingest.Rows;

/// <summary>
/// RFC 4180 records (comma-separated; double-quoted cells may hold commas, doubled quotes and line breaks) read by
/// Sylvan.Data.Csv, a record at a time from the stream. Sylvan counts records; errors name lines, as a spreadsheet or
/// an editor shows the file, so each record's first line is counted here from the line breaks inside its cells.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    /// <summary>A record longer than this (in characters) is refused: most likely a quote left open swallowing the file.</summary>
    const int MaxRecordChars = 4 * 1024 * 1024;

    readonly CsvDataReader _csv;
    long _nextLine = 1;

    CsvRecordReader(CsvDataReader csv) => _csv = csv;

    public static async Task<CsvRecordReader> OpenAsync(TextReader reader, CancellationToken cancellationToken) =>
        new(await CsvDataReader.CreateAsync(reader, new CsvDataReaderOptions
        {
            HasHeaders = false, // the caller checks the header itself, with its own messages
            Delimiter = ',',    // never guessed from the first line
            Comment = '\0',     // a cell may start with '#'
            MaxBufferSize = MaxRecordChars,
            OwnsReader = false,
        }, cancellationToken));

    /// <summary>The line the last record started on (1-based).</summary>
    public long StartLine { get; private set; }

    /// <summary>The next record's cells, or null at the end; blank lines are skipped. Throws <see cref="FormatException"/> on malformed data.</summary>
    public async Task<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            StartLine = _nextLine;
            try
            {
                if (!await _csv.ReadAsync(cancellationToken)) return null;
            }
            catch (CsvRecordTooLargeException)
            {
                throw new FormatException($"The record that starts on line {StartLine} is longer than {MaxRecordChars:N0} characters; is a quote left open?");
            }
            catch (CsvFormatException)
            {
                throw new FormatException($"A quoted cell on line {StartLine} or after it is malformed or never closed.");
            }
            var cells = new List<string>(_csv.RowFieldCount);
            for (var i = 0; i < _csv.RowFieldCount; i++) cells.Add(_csv.GetString(i));
            _nextLine += 1 + cells.Sum(LineBreaks);
            if (cells is not [""]) return cells;
        }
    }

    static int LineBreaks(string cell)
    {
        var count = 0;
        for (var i = 0; i < cell.Length; i++)
            if (cell[i] == '\n' || (cell[i] == '\r' && (i + 1 == cell.Length || cell[i + 1] != '\n'))) count++;
        return count;
    }

    public void Dispose() => _csv.Dispose();
}
