using System.Diagnostics;

namespace RuleEngine.Storage;

/// <summary>
/// Customers' standings as <c>GET /api/customers/{id}</c> reads them (profile, segments, scores, tags, balance, open
/// tasks), held in memory for up to <see cref="Capacity"/> customers and <see cref="ByteBudget"/> bytes (estimated), so a
/// shop or console reading a customer never queues for the storage lock behind an ingest's commit or checkpoint
/// (measured beside a bulk ingest: p99 84–116 ms, nearly all of it waiting for the lock).
/// <para>
/// Kept exact without knowing what a write means: storage tells it which customers a write touched
/// (<see cref="Changed"/>) once that write is visible to readers and before it is acknowledged, and the held standing is
/// dropped, to be read again by the next reader. Until then the held standing is the previous committed state, which is
/// what the file shows too. A reader that missed keeps what it read only if no change of the customer's stripe was
/// announced since it started reading (checked again after keeping it, since a change may be announced meanwhile), so a
/// standing read before a change never outlives it. The run records' protocol (<see cref="RunRecordCache"/>).
/// </para>
/// </summary>
public sealed class CustomerStandingCache(int capacity, long byteBudget = long.MaxValue)
{
    readonly ChangeStamps _stamps = new(4096);
    readonly BoundedEntries<Entry> _entries = new(capacity, byteBudget, e => e.Bytes, e => e.LastUsed);
    long _hits, _misses;

    /// <param name="openTasksAsked">The open-task limit the standing was read with: it lists all open tasks when it has fewer.</param>
    sealed class Entry(CustomerStanding standing, int openTasksAsked)
    {
        public CustomerStanding Standing { get; } = standing;
        public int OpenTasksAsked { get; } = openTasksAsked;
        public long Bytes { get; } = HeapSize.Of(standing);
        public long LastUsed = Stopwatch.GetTimestamp();

        public bool Covers(int openTasks) => openTasks <= OpenTasksAsked || Standing.OpenTasks.Count < OpenTasksAsked;
    }

    /// <summary>Customers at most in memory; 0 turns the cache off (<c>RuleEngine:Storage:StandingCacheCustomers</c>).</summary>
    public int Capacity => capacity;

    /// <summary>Bytes at most held, estimated (<c>RuleEngine:Storage:StandingCacheMegabytes</c>).</summary>
    public long ByteBudget => byteBudget;

    public int Count => _entries.Count;

    public long Bytes => _entries.Bytes;

    /// <summary>Reads served from memory and reads that went to the file, since start (/metrics, to size the cache by).</summary>
    public (long Hits, long Misses) Lookups => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The stamp to read a customer's standing from the file under (taken before the read).</summary>
    public long StampOf(string customerId) => _stamps.Of(customerId);

    /// <summary>The held standing with at most <paramref name="openTasks"/> open tasks (soonest due first, as read).</summary>
    public bool TryGet(string customerId, int openTasks, out CustomerStanding standing)
    {
        standing = null!;
        if (capacity <= 0) return false;
        if (!_entries.TryGetValue(customerId, out var entry) || !entry.Covers(openTasks))
        {
            Interlocked.Increment(ref _misses);
            return false;
        }
        Interlocked.Increment(ref _hits);
        entry.LastUsed = Stopwatch.GetTimestamp();
        standing = entry.Standing.OpenTasks.Count <= openTasks
            ? entry.Standing
            : entry.Standing with { OpenTasks = entry.Standing.OpenTasks.Take(openTasks).ToList() };
        return true;
    }

    /// <summary>Keeps a standing read from the file under <paramref name="stamp"/>, unless a change of its stripe was announced since.</summary>
    public void Fill(string customerId, long stamp, CustomerStanding standing, int openTasksAsked)
    {
        if (capacity <= 0) return;
        var entry = new Entry(standing, openTasksAsked);
        if (_entries.TooLarge(entry)) return;
        if (_entries.TryGetValue(customerId, out var held))
        {
            // A reader that asked for more open tasks than the held standing covers replaces it.
            if (held.Covers(openTasksAsked) || !_entries.TryUpdate(customerId, entry, held)) return;
        }
        else if (!_entries.TryAdd(customerId, entry)) return;
        if (StampOf(customerId) != stamp) _entries.Remove(new KeyValuePair<string, Entry>(customerId, entry));
        else _entries.EvictOldest();
    }

    /// <summary>A write changing this customer's standing is visible to readers: the held standing goes (stripe first).</summary>
    public void Changed(string customerId)
    {
        if (capacity <= 0) return;
        _stamps.Changed(customerId);
        if (_entries.TryGetValue(customerId, out var held)) _entries.Remove(new KeyValuePair<string, Entry>(customerId, held));
    }

    /// <summary>A write whose customers are not known (a bulk update or delete by query): every held standing goes.</summary>
    public void ChangedAll()
    {
        if (capacity <= 0) return;
        _stamps.ChangedAll();
        foreach (var held in _entries.Snapshot()) _entries.Remove(held);
    }
}
