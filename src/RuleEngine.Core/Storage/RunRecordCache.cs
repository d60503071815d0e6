using System.Diagnostics;
using RuleEngine.Runs;

namespace RuleEngine.Storage;

/// <summary>
/// Run records as <c>GET /api/runs/{id}</c> reads them, held in memory for up to <see cref="Capacity"/> runs and
/// <see cref="ByteBudget"/> bytes (estimated: a triggered batch's record names its thousands of customers), so that
/// ops and the console watching a run never queue for the storage lock behind an ingest's commit (measured beside a
/// bulk ingest: p99 81–102 ms, nearly all of it waiting for the lock).
/// <para>
/// Kept exact by the writer, the only one to write runs: once the transaction holding a run's new state committed, and
/// before that write is acknowledged, it replaces the held record (<see cref="Stored"/>, in commit order). Until then
/// the held record is the previous committed state, which is what the file shows too. A reader that missed keeps what
/// it read only if no write of the run's stripe ended since it started reading (checked again after keeping it, since
/// the writer may have ended one meanwhile), so an older state read from the file never replaces a newer one.
/// </para>
/// </summary>
public sealed class RunRecordCache(int capacity, long byteBudget = long.MaxValue)
{
    readonly ChangeStamps _stamps = new(1024);
    readonly BoundedEntries<Entry> _entries = new(capacity, byteBudget, e => e.Bytes, e => e.LastUsed);

    sealed class Entry(Run run)
    {
        public Run Run { get; } = run;
        public long Bytes { get; } = HeapSize.Of(run);
        public long LastUsed = Stopwatch.GetTimestamp();
    }

    /// <summary>Runs at most in memory; 0 turns the cache off (<c>RuleEngine:Storage:RunCacheRuns</c>).</summary>
    public int Capacity => capacity;

    /// <summary>Bytes at most held, estimated (<c>RuleEngine:Storage:RunCacheMegabytes</c>).</summary>
    public long ByteBudget => byteBudget;

    public int Count => _entries.Count;

    public long Bytes => _entries.Bytes;

    /// <summary>The stamp to read a run from the file under (taken before the read).</summary>
    public long StampOf(string runId) => _stamps.Of(runId);

    public bool TryGet(string runId, out Run run)
    {
        run = null!;
        if (capacity <= 0 || !_entries.TryGetValue(runId, out var entry)) return false;
        entry.LastUsed = Stopwatch.GetTimestamp();
        run = entry.Run;
        return true;
    }

    /// <summary>Keeps a record read from the file under <paramref name="stamp"/>, unless a write of its stripe ended since.</summary>
    public void Fill(string runId, long stamp, Run run)
    {
        if (capacity <= 0) return;
        var entry = new Entry(run);
        if (_entries.TooLarge(entry) || !_entries.TryAdd(runId, entry)) return;
        if (StampOf(runId) != stamp) _entries.Remove(new KeyValuePair<string, Entry>(runId, entry));
        else _entries.EvictOldest();
    }

    /// <summary>On the writer, once the transaction that stored this state of the run committed.</summary>
    public void Stored(Run run)
    {
        if (capacity <= 0) return;
        _stamps.Changed(run.Id);
        var entry = new Entry(run);
        if (!_entries.TooLarge(entry)) _entries.Set(run.Id, entry);
        else if (_entries.TryGetValue(run.Id, out var held)) _entries.Remove(new KeyValuePair<string, Entry>(run.Id, held)); // no older state stays
        _entries.EvictOldest();
    }
}
