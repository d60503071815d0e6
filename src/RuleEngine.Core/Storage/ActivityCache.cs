using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using RuleEngine.Domain;

namespace RuleEngine.Storage;

/// <summary>
/// Customers' profiles, orders and events as runs over chosen customers read them (triggered batches, dry runs of a few
/// customers), held in memory for up to <see cref="Capacity"/> customers and <see cref="ByteBudget"/> bytes (estimated,
/// <see cref="HeapSize"/>), so that the hot customers of a busy day are read without entering LiteDB (whose single
/// lock was 91% held under the mixed load, a third of it by these reads). Both bounds matter: a held customer's history
/// grows with every ingest, so a cache bounded in customers alone grew by 130 MB in a ten-minute load.
/// <para>
/// Kept exact by the writer, which is the only one to write profiles, orders and events: an ingest marks its customers
/// changing inside its transaction (<see cref="BeginChange"/>), and once the transaction committed it writes the new
/// profiles, orders or events into the entries it holds (<see cref="EndChange"/>), before anyone hears of the ingest: a
/// triggered batch then finds the customer's new order in memory. (Each of a batch's rules reads its customers: the
/// profiles were a tenth of the storage lock's time under steady ingest, read five times a batch; docs/performance.md.) While a change of a customer's stripe is in flight, its entries are
/// not served (a reader goes to the file, which is the truth). A reader keeps what it read only if no change of the
/// stripe began since it started reading (checked again after keeping it, since the writer may have begun meanwhile).
/// Full runs read pages by range and neither use nor fill the cache (a million-customer walk would only evict the hot
/// customers).
/// </para>
/// </summary>
public sealed class ActivityCache(int capacity, long byteBudget = long.MaxValue)
{
    const int Stripes = 4096;

    readonly long[] _versions = new long[Stripes];
    readonly int[] _inFlight = new int[Stripes];
    readonly BoundedEntries<Entry> _entries = new(capacity, byteBudget, e => e.Bytes, e => e.LastUsed);
    long _hits, _misses;

    sealed class Entry(long version, Customer profile, IReadOnlyList<Order> orders, IReadOnlyList<InteractionEvent>? events)
    {
        public long Version { get; } = version;
        public long Bytes { get; } = HeapSize.Of(profile) + HeapSize.Of(orders) + HeapSize.Of(events);
        public Customer Profile { get; } = profile;
        public IReadOnlyList<Order> Orders { get; } = orders;
        /// <summary>Null when read without events: such an entry serves only reads that do not want them.</summary>
        public IReadOnlyList<InteractionEvent>? Events { get; } = events;
        public long LastUsed = Stopwatch.GetTimestamp();
    }

    /// <summary>Customers at most in memory; 0 turns the cache off (<c>RuleEngine:Storage:ActivityCacheCustomers</c>).</summary>
    public int Capacity => capacity;

    /// <summary>Bytes at most held, estimated (<c>RuleEngine:Storage:ActivityCacheMegabytes</c>); a customer whose history alone
    /// takes more than a tenth of it is never held.</summary>
    public long ByteBudget => byteBudget;

    public int Count => _entries.Count;

    /// <summary>The estimated size of what is held now.</summary>
    public long Bytes => _entries.Bytes;

    public (long Hits, long Misses) Lookups => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>The stamp to read a customer under: null while a change of its stripe is in flight (read, but do not keep).</summary>
    public long? StampOf(string customerId)
    {
        var stripe = StripeOf(customerId);
        if (Volatile.Read(ref _inFlight[stripe]) != 0) return null;
        return Volatile.Read(ref _versions[stripe]);
    }

    public bool TryGet(string customerId, bool withEvents, [NotNullWhen(true)] out CustomerData? data)
    {
        data = null;
        if (capacity > 0 && Volatile.Read(ref _inFlight[StripeOf(customerId)]) == 0 && _entries.TryGetValue(customerId, out var entry)
            && (entry.Events is not null || !withEvents))
        {
            entry.LastUsed = Stopwatch.GetTimestamp();
            data = new CustomerData(entry.Profile, entry.Orders, withEvents ? entry.Events! : []);
            Interlocked.Increment(ref _hits);
            return true;
        }
        Interlocked.Increment(ref _misses);
        return false;
    }

    /// <summary>Keeps what was read from the file under <paramref name="stamp"/> (taken before the read).</summary>
    public void Put(Customer profile, long? stamp, IReadOnlyList<Order> orders, IReadOnlyList<InteractionEvent>? events)
    {
        if (capacity <= 0 || stamp is not { } version) return;
        var customerId = profile.Id;
        var entry = new Entry(version, profile, orders, events);
        if (_entries.TooLarge(entry)) return;
        _entries.Set(customerId, entry);
        // A change that began since the read may have ended before this entry went in (and so could not update it).
        if (StampOf(customerId) != version) _entries.Remove(new KeyValuePair<string, Entry>(customerId, entry));
        else _entries.EvictOldest();
    }

    /// <summary>On the writer, inside the transaction that writes these customers' profiles, orders or events.</summary>
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
    /// these customers get the written profiles, orders and events (replacing those with the same id).
    /// </summary>
    public void EndChange(IReadOnlyCollection<string> customerIds, bool committed, IReadOnlyList<Order>? orders = null,
        IReadOnlyList<InteractionEvent>? events = null, IReadOnlyList<Customer>? profiles = null)
    {
        if (committed)
        {
            foreach (var profile in profiles ?? [])
                if (_entries.TryGetValue(profile.Id, out var entry))
                    Replace(profile.Id, entry, new Entry(entry.Version, profile, entry.Orders, entry.Events));
            foreach (var group in (orders ?? []).GroupBy(o => o.CustomerId, StringComparer.Ordinal))
                if (_entries.TryGetValue(group.Key, out var entry))
                    Replace(group.Key, entry, new Entry(entry.Version, entry.Profile, Merge(entry.Orders, group, o => o.Id, o => o.At), entry.Events));
            foreach (var group in (events ?? []).GroupBy(e => e.CustomerId, StringComparer.Ordinal))
                if (_entries.TryGetValue(group.Key, out var entry) && entry.Events is not null)
                    Replace(group.Key, entry, new Entry(entry.Version, entry.Profile, entry.Orders, Merge(entry.Events, group, e => e.Id, e => e.At)));
            _entries.EvictOldest();
        }
        foreach (var stripe in customerIds.Select(StripeOf).Distinct()) Interlocked.Decrement(ref _inFlight[stripe]);
    }

    static T[] Merge<T>(IReadOnlyList<T> held, IEnumerable<T> written, Func<T, string> id, Func<T, DateTime> at)
    {
        var byId = held.ToDictionary(id, StringComparer.Ordinal);
        foreach (var item in written) byId[id(item)] = item;
        return byId.Values.OrderBy(at).ToArray();
    }

    // If a reader's entry took the old one's place meanwhile, it was read before this change and its own stamp check
    // removes it; nothing is lost by leaving it.
    void Replace(string customerId, Entry old, Entry updated)
    {
        if (_entries.TooLarge(updated)) _entries.Remove(new KeyValuePair<string, Entry>(customerId, old));
        else _entries.TryUpdate(customerId, updated, old);
    }

    static int StripeOf(string customerId) => (StringComparer.Ordinal.GetHashCode(customerId) & int.MaxValue) % Stripes;
}
