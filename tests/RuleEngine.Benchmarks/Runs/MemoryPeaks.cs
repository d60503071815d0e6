using System.Diagnostics;

namespace RuleEngine.Benchmarks.Runs;

/// <summary>
/// The highest resident set and managed heap seen while a phase runs, sampled every 100 ms: the process's own peak
/// working set only ever grows, so it cannot tell one phase from the one before.
/// </summary>
sealed class MemoryPeaks : IDisposable
{
    readonly Timer _timer;
    long _resident, _managed;

    MemoryPeaks() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public static MemoryPeaks Start() => new();

    public long Resident { get { Sample(); return Interlocked.Read(ref _resident); } }

    public long Managed { get { Sample(); return Interlocked.Read(ref _managed); } }

    void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _resident, process.WorkingSet64);
        Max(ref _managed, GC.GetTotalMemory(forceFullCollection: false));
    }

    static void Max(ref long peak, long value)
    {
        for (var seen = Interlocked.Read(ref peak); value > seen; seen = Interlocked.Read(ref peak))
            if (Interlocked.CompareExchange(ref peak, value, seen) == seen) return;
    }

    public void Dispose() => _timer.Dispose();
}
