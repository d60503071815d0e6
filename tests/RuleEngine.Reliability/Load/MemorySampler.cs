using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Load;

/// <summary>The server's resident memory (VmRSS) sampled at a fixed interval, and whether it trends upward.</summary>
public sealed class MemorySampler(ServerProcess server, TimeSpan interval)
{
    readonly List<(double Seconds, long Bytes)> _samples = [];
    readonly DateTime _started = DateTime.UtcNow;

    public IReadOnlyList<(double Seconds, long Bytes)> Samples => _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Sample();
            try { await Task.Delay(interval, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One reading now (the test takes a last one when the load ends).</summary>
    public void Sample()
    {
        if (server.ResidentMemoryBytes() is { } bytes) _samples.Add(((DateTime.UtcNow - _started).TotalSeconds, bytes));
    }

    /// <summary>Least-squares slope of RSS over time, in MB per minute: the upward trend, if any, beyond the saw-tooth of the GC.</summary>
    public double SlopeMegabytesPerMinute()
    {
        if (_samples.Count < 2) return 0;
        var meanT = _samples.Average(s => s.Seconds);
        var meanB = _samples.Average(s => (double)s.Bytes);
        var covariance = _samples.Sum(s => (s.Seconds - meanT) * (s.Bytes - meanB));
        var variance = _samples.Sum(s => (s.Seconds - meanT) * (s.Seconds - meanT));
        return variance == 0 ? 0 : covariance / variance * 60 / 1e6;
    }
}
