namespace RuleEngine.Ingest;

/// <summary>Row errors of one request: all are counted, the first few are kept for the response.</summary>
internal sealed class ErrorReport(int maxReported)
{
    private readonly List<RowError> _errors = [];
    private long _lastBadRow = -1;

    /// <summary>Rows with at least one error (a row's errors are always reported together, so counting changes of row is enough).</summary>
    public long BadRows { get; private set; }

    public bool Any => BadRows > 0;

    public IReadOnlyList<RowError> Reported => _errors;

    public void Add(long row, string? field, string message)
    {
        if (row != _lastBadRow) BadRows++;
        _lastBadRow = row;
        if (_errors.Count < maxReported) _errors.Add(new RowError(row, field, message));
    }
}
