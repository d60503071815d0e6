namespace RuleEngine.Console.Model;

/// <summary>
/// Customers per second of a running run, from the progress events seen on this page (over the last ~10 s, so a run
/// that speeds up or stalls shows it), and the time left at that rate.
/// </summary>
public sealed class ProgressRate(TimeProvider? clock = null)
{
    static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    readonly TimeProvider _clock = clock ?? TimeProvider.System;
    readonly Queue<(DateTimeOffset At, long Processed)> _samples = new();

    public void Observe(long processed)
    {
        var now = _clock.GetUtcNow();
        _samples.Enqueue((now, processed));
        while (_samples.Count > 2 && now - _samples.Peek().At > Window) _samples.Dequeue();
    }

    /// <summary>Null until two samples a moment apart were seen.</summary>
    public double? Rate
    {
        get
        {
            if (_samples.Count < 2) return null;
            var (firstAt, first) = _samples.Peek();
            var (lastAt, last) = _samples.Last();
            var seconds = (lastAt - firstAt).TotalSeconds;
            return seconds <= 0.05 ? null : Math.Max(0, (last - first) / seconds);
        }
    }

    public TimeSpan? TimeLeft(RunProgress? progress) =>
        progress is { Total: { } total } && Rate is > 0 and var rate ? TimeSpan.FromSeconds(Math.Max(0, total - progress.Processed) / rate) : null;
}
