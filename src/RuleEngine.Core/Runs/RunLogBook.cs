using Microsoft.Extensions.Logging;

namespace RuleEngine.Runs;

/// <summary>
/// A run's own log: lines are written to the server log (with the run id and rule in scope) and kept for the run's
/// record, saved with each page, and published to the run's watchers as written. Per-customer lines stop at <see cref="MaxCustomerLines"/> so that a rule failing for
/// every customer cannot flood storage; the counts still say how many failed.
/// </summary>
sealed class RunLogBook(string runId, TimeProvider clock, ILogger log, RunWatch? watch = null)
{
    public const int MaxCustomerLines = 1000;

    readonly List<RunLogLine> _pending = [];
    long _sequence;
    int _customerLines;

    public void Info(string message) => Add("information", message, null);

    public void Warning(string message, string? customerId = null) => Add("warning", message, customerId);

    public void Error(string message) => Add("error", message, null);

    /// <summary>Lines written since the last call, to be saved with the run.</summary>
    public IReadOnlyList<RunLogLine> Drain()
    {
        var lines = _pending.ToList();
        _pending.Clear();
        return lines;
    }

    void Add(string level, string message, string? customerId)
    {
        if (customerId is not null && ++_customerLines > MaxCustomerLines)
        {
            if (_customerLines == MaxCustomerLines + 1) Add("warning", $"More than {MaxCustomerLines} customer lines; further ones are counted, not logged.", null);
            return;
        }
        var logLevel = level switch { "error" => LogLevel.Error, "warning" => LogLevel.Warning, _ => LogLevel.Information };
        log.Log(logLevel, "{RunMessage}", message);
        var line = new RunLogLine(runId, ++_sequence, clock.GetUtcNow().UtcDateTime, level, message, customerId);
        _pending.Add(line);
        // Watchers see the line now; storage gets it with the page.
        watch?.Publish(line);
    }
}
