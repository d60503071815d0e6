using System.Collections.Concurrent;
using System.Diagnostics;
using RuleEngine.Domain;

namespace RuleEngine.Storage;

/// <summary>
/// Customers' orders and events as runs over chosen customers read them (triggered batches, dry runs of a few
/// customers), held in memory for up to <see cref="Capacity"/> customers, so that the hot customers of a busy day are
/// read without entering LiteDB (whose single lock was 91% held under the mixed load, a third of it by these reads).
/// <para>
/// Kept exact by the writer, which is the only one to write orders and events: an ingest marks its customers changing
/// inside its transaction (<see cref="BeginChange"/>), and once the transaction committed it writes the new orders or
/// events into the entries it holds (<see cref="EndChange"/>), before anyone hears of the ingest: a triggered batch
/// then finds the customer's new order in memory. While a change of a customer's stripe is in flight, its entries are
/// not served (a reader goes to the file, which is the truth). A reader keeps what it read only if no change of the
/// stripe began since it started reading (checked again after keeping it, since the writer may have begun meanwhile).
/// Full runs read pages by range and neither use nor fill the cache (a million-customer walk would only evict the hot
/// customers).
/// </para>
/// </summary>
public sealed class ActivityCache(int capacity)
{
    const int Stripes = 4096;

    readonly long[] _versions = new long[Stripes];
    readonly int[] _inFlight = new int[Stripes];
    readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    int _evicting;
    long _hits, _misses;

    sealed class Entry(long version, IReadOnlyList<Order> orders, IReadOnlyList<InteractionEvent>? events)
    {
        public long Version { get; } = version;
        public IReadOnlyList<Order> Orders { get; } = orders;
        /// <summary>Null when read without events: such an entry serves only reads that do not want them.</summary>
        public IReadOnlyList<InteractionEvent>? Events { get; } = events;
        public long LastUsed = Stopwatch.GetTimestamp();
    }

    /// <summary>Customers at most in memory; 0 turns the cache off (<c>RuleEngine:Storage:ActivityCacheCustomers</c>).</summary>
    public int Capacity => capacity;

    public int Count => _entries.Count;

    public (long Hits, long Misses) Lookups => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The stamp to read a customer under: null while a change of its stripe is in flight (read, but do not keep).</summary>
    public long? StampOf(string customerId)
    {
        var stripe = StripeOf(customerId);
        if (Volatile.Read(ref _inFlight[stripe]) != 0) return null;
        return Volatile.Read(ref _versions[stripe]);
    }

    public bool TryGet(string customerId, bool withEvents, out IReadOnlyList<Order> orders, out IReadOnlyList<InteractionEvent> events)
    {
        (orders, events) = ([], []);
        if (capacity > 0 && Volatile.Read(ref _inFlight[StripeOf(customerId)]) == 0 && _entries.TryGetValue(customerId, out var entry)
            && (entry.Events is not null || !withEvents))
        {
            entry.LastUsed = Stopwatch.GetTimestamp();
            (orders, events) = (entry.Orders, withEvents ? entry.Events! : []);
            Interlocked.Increment(ref _hits);
            return true;
        }
        Interlocked.Increment(ref _misses);
        return false;
    }

    /// <summary>Keeps what was read from the file under <paramref name="stamp"/> (taken before the read).</summary>
    public void Put(string customerId, long? stamp, IReadOnlyList<Order> orders, IReadOnlyList<InteractionEvent>? events)
    {
        if (capacity <= 0 || stamp is not { } version) return;
        var entry = new Entry(version, orders, events);
        _entries[customerId] = entry;
        // A change that began since the read may have ended before this entry went in (and so could not update it).
        if (StampOf(customerId) != version) _entries.TryRemove(new KeyValuePair<string, Entry>(customerId, entry));
        else EvictOldest();
    }

    /// <summary>On the writer, inside the transaction that writes these customers' orders or events.</summary>
    public void BeginChange(IEnumerable<string> customerIds)
    {
        foreach (var stripe in customerIds.Select(StripeOf).Distinct())
        {
            Interlocked.Increment(ref _inFlight[stripe]);
            Interlocked.Increment(ref _versions[stripe]);
        }
    }

    /// <summary>
    /// On the writer, once that transaction ended, before it is acknowledged: when it committed, the held entries of
    /// these customers get the written orders and events (replacing those with the same id).
    /// </summary>
    public void EndChange(IReadOnlyCollection<string> customerIds, bool committed, IReadOnlyList<Order>? orders = null, IReadOnlyList<InteractionEvent>? events = null)
    {
        if (committed)
        {
            foreach (var group in (orders ?? []).GroupBy(o => o.CustomerId, StringComparer.Ordinal))
                if (_entries.TryGetValue(group.Key, out var entry))
                    _entries[group.Key] = new Entry(entry.Version, Merge(entry.Orders, group, o => o.Id, o => o.At), entry.Events);
            foreach (var group in (events ?? []).GroupBy(e => e.CustomerId, StringComparer.Ordinal))
                if (_entries.TryGetValue(group.Key, out var entry) && entry.Events is not null)
                    _entries[group.Key] = new Entry(entry.Version, entry.Orders, Merge(entry.Events, group, e => e.Id, e => e.At));
        }
        foreach (var stripe in customerIds.Select(StripeOf).Distinct()) Interlocked.Decrement(ref _inFlight[stripe]);
    }

    static T[] Merge<T>(IReadOnlyList<T> held, IEnumerable<T> written, Func<T, string> id, Func<T, DateTime> at)
    {
        var byId = held.ToDictionary(id, StringComparer.Ordinal);
        foreach (var item in written) byId[id(item)] = item;
        return byId.Values.OrderBy(at).ToArray();
    }

    void EvictOldest() => LeastRecentlyUsed.Trim(_entries, capacity, ref _evicting, e => e.LastUsed);

    static int StripeOf(string customerId) => (StringComparer.Ordinal.GetHashCode(customerId) & int.MaxValue) % Stripes;
}
