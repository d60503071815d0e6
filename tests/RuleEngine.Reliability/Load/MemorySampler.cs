using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// The server's resident memory (VmRSS) sampled at a fixed interval, and whether it trends upward; beside it the managed
/// heap as the server's /metrics reports it (dotnet_total_memory_bytes), which tells a managed leak from native growth,
/// and the caches whose bounds are configured (LiteDB's page cache, the activity cache), which tell how much of it they hold.
/// </summary>
public sealed class MemorySampler(ServerProcess server, HttpClient metrics, TimeSpan interval)
{
    readonly List<(double Seconds, long Bytes)> _samples = [];
    readonly List<long> _managed = [];
    readonly Dictionary<string, List<long>> _caches = new() { ["LiteDB page cache"] = [], ["activity cache"] = [], ["run record cache"] = [] };
    static readonly Dictionary<string, string> CacheMetrics = new()
    {
        ["LiteDB page cache"] = "ruleengine_storage_engine_cache_bytes", ["activity cache"] = "ruleengine_storage_activity_cache_bytes",
        ["run record cache"] = "ruleengine_storage_run_cache_bytes",
    };

    public IReadOnlyList<long> ManagedHeap => _managed;

    /// <summary>Each configured cache's size at every sample (bytes).</summary>
    public IReadOnlyDictionary<string, List<long>> Caches => _caches;
    readonly DateTime _started = DateTime.UtcNow;

    public IReadOnlyList<(double Seconds, long Bytes)> Samples => _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Sample();
            await ReadMetricsAsync();
            try { await Task.Delay(interval, stop); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One reading now (the test takes a last one when the load ends).</summary>
    public void Sample()
    {
        if (server.ResidentMemoryBytes() is { } bytes) _samples.Add(((DateTime.UtcNow - _started).TotalSeconds, bytes));
    }

    async Task ReadMetricsAsync()
    {
        string[] lines;
        try
        {
            lines = (await metrics.GetStringAsync("/metrics")).Split('\n');
        }
        catch (HttpRequestException)
        {
            return; // a missed reading, not a finding: the request figures count errors
        }
        if (Gauge(lines, "dotnet_total_memory_bytes") is { } heap) _managed.Add(heap);
        foreach (var (cache, metric) in CacheMetrics)
            if (Gauge(lines, metric) is { } bytes) _caches[cache].Add(bytes);
    }

    static long? Gauge(string[] lines, string name) =>
        lines.FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal)) is { } line
            ? (long)double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>How much more RSS the last quarter of the samples holds than the first, on average: 0.05 is 5% more.</summary>
    public double Growth()
    {
        if (_samples.Count < 8) return 0;
        var quarter = _samples.Count / 4;
        var first = _samples.Take(quarter).Average(s => (double)s.Bytes);
        var last = _samples.Skip(_samples.Count - quarter).Average(s => (double)s.Bytes);
        return (last - first) / first;
    }

    /// <summary>
    /// Stable: the last quarter of the window holds at most <paramref name="tolerance"/> more than the first. Quarters, not
    /// single samples, so the garbage collector's saw-tooth (tens of MB within seconds) does not decide the verdict.
    /// </summary>
    public bool IsStable(double tolerance) => Growth() <= tolerance;

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
