using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>The profiles, orders and events of chosen customers come from memory when they can, and never stale.</summary>
public class ActivityCacheTests
{
    sealed class CachedStores(TempDatabase db, int capacity = 100)
    {
        public ActivityCache Cache { get; } = new(capacity);
        public LiteDbCustomerStore Customers => new(db.Database, db.Writer, Cache);
        public LiteDbOrderStore Orders => new(db.Database, db.Writer, Cache);
        public LiteDbEventStore Events => new(db.Database, db.Writer, Cache);
        public LiteDbCustomerStream Stream => new(db.Database, Cache);
    }

    [Fact]
    public async Task A_second_read_comes_from_memory_and_equals_the_file()
    {
        await using var db = new TempDatabase();
        var stores = new CachedStores(db);
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")]);
        await stores.Orders.UpsertAsync([Some.Order("o1", "c1"), Some.Order("o2", "c2")]);
        await stores.Events.UpsertAsync([Some.Event("e1", "c1")]);

        var first = stores.Stream.Read(["c1", "c2"]);
        var second = stores.Stream.Read(["c1", "c2"]);

        Assert.Equal((2L, 2L), (stores.Cache.Lookups.Hits, stores.Cache.Lookups.Misses));
        Assert.Equal(first.Select(c => (c.Customer.Id, c.Orders.Count, c.Events.Count)), second.Select(c => (c.Customer.Id, c.Orders.Count, c.Events.Count)));
        Assert.Equal(new[] { ("c1", 1, 1), ("c2", 1, 0) }, second.Select(c => (c.Customer.Id, c.Orders.Count, c.Events.Count)));
        Assert.Equal(db.Stream.Read(["c1"]).Single().Orders.Select(o => (o.Id, o.Amount, o.At)), second[0].Orders.Select(o => (o.Id, o.Amount, o.At)));
    }

    [Fact]
    public async Task An_ingested_order_or_event_is_in_the_next_read()
    {
        await using var db = new TempDatabase();
        var stores = new CachedStores(db);
        await db.Customers.UpsertAsync([Some.Customer("c1")]);
        await stores.Orders.UpsertAsync([Some.Order("o1", "c1")]);
        stores.Stream.Read(["c1"]);

        await stores.Orders.UpsertAsync([Some.Order("o2", "c1")]);
        await stores.Events.UpsertAsync([Some.Event("e1", "c1")]);

        var hits = stores.Cache.Lookups.Hits;
        var read = stores.Stream.Read(["c1"]).Single();
        Assert.Equal(hits + 1, stores.Cache.Lookups.Hits); // brought up to date by the writer, not read again
        Assert.Equal(["o1", "o2"], read.Orders.Select(o => o.Id).Order());
        Assert.Equal(["e1"], read.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_changed_profile_is_in_the_next_read_from_memory_and_equals_the_file()
    {
        await using var db = new TempDatabase();
        var stores = new CachedStores(db);
        await stores.Customers.UpsertAsync([Some.Customer("c1", "Wang Fang")]);
        stores.Stream.Read(["c1"]);

        var joined = new DateTime(2026, 3, 1, 8, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567); // finer than the file keeps
        await stores.Customers.UpsertAsync([Some.Customer("c1", "Li Na") with
        {
            JoinedAt = joined, Tags = ["vip"], Attributes = new Dictionary<string, string> { ["skin"] = "dry" },
        }]);

        var hits = stores.Cache.Lookups.Hits;
        var read = stores.Stream.Read(["c1"]).Single().Customer;
        Assert.Equal(hits + 1, stores.Cache.Lookups.Hits); // brought up to date by the writer, not read again
        var file = db.Stream.Read(["c1"]).Single().Customer;
        Assert.Equal(("Li Na", file.JoinedAt, "vip", "dry"), (read.Name, read.JoinedAt, read.Tags.Single(), read.Attributes["skin"]));
        Assert.Equal(file.JoinedAt, read.JoinedAt);
    }

    [Fact]
    public async Task Reads_racing_profile_updates_always_see_the_acknowledged_profile()
    {
        await using var db = new TempDatabase();
        var stores = new CachedStores(db);
        await stores.Customers.UpsertAsync([Some.Customer("c1", "v0"), Some.Customer("c2", "v0")]);

        var stale = await RaceAsync(stores,
            i => stores.Customers.UpsertAsync([Some.Customer("c1", $"v{i}"), Some.Customer("c2", $"v{i}")]),
            c1 => int.Parse(c1.Customer.Name![1..]));

        Assert.Equal(0, stale);
        Assert.Equal("v150", stores.Stream.Read(["c1"]).Single().Customer.Name);
    }

    [Fact]
    public async Task Reads_racing_ingest_always_see_every_acknowledged_order()
    {
        await using var db = new TempDatabase();
        var stores = new CachedStores(db);
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")]);

        var stale = await RaceAsync(stores,
            i => stores.Orders.UpsertAsync([Some.Order($"o{i}", "c1"), Some.Order($"x{i}", "c2")]),
            c1 => c1.Orders.Count);

        Assert.Equal(0, stale);
        Assert.Equal(150, stores.Stream.Read(["c1"]).Single().Orders.Count);
    }

    /// <summary>
    /// Readers fill and use the cache as fast as they can while 150 writes are acknowledged one after the other; after
    /// each acknowledgement, every read that starts must see it (<paramref name="seen"/>: the last write c1's read shows).
    /// Returns the stale reads.
    /// </summary>
    static async Task<int> RaceAsync(CachedStores stores, Func<int, Task> write, Func<CustomerData, int> seen)
    {
        using var stop = new CancellationTokenSource();
        var acknowledged = 0;
        var stale = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var known = Volatile.Read(ref acknowledged);
                if (seen(stores.Stream.Read(["c1", "c2"]).Single(c => c.Customer.Id == "c1")) < known) Interlocked.Increment(ref stale);
            }
        })).ToList();
        for (var i = 1; i <= 150; i++)
        {
            await write(i);
            Volatile.Write(ref acknowledged, i);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(stores.Cache.Lookups.Hits > 0, "the readers were served from memory some of the time");
        return stale;
    }

    [Fact]
    public async Task An_entry_read_without_events_does_not_serve_a_read_that_wants_them()
    {
        await using var db = new TempDatabase();
        var stores = new CachedStores(db);
        await db.Customers.UpsertAsync([Some.Customer("c1")]);
        await stores.Events.UpsertAsync([Some.Event("e1", "c1")]);

        Assert.Empty(stores.Stream.Read(["c1"], withEvents: false).Single().Events);
        Assert.Single(stores.Stream.Read(["c1"], withEvents: true).Single().Events);
        Assert.Single(stores.Stream.Read(["c1"], withEvents: true).Single().Events);
        Assert.Equal(1L, stores.Cache.Lookups.Hits);
    }

    [Fact]
    public void Nothing_is_served_or_kept_while_a_change_is_in_flight_then_the_writer_brings_entries_up_to_date()
    {
        var cache = new ActivityCache(capacity: 50);
        cache.BeginChange(["c1"]);
        Assert.Null(cache.StampOf("c1"));
        cache.Put(Some.Customer("c1"), cache.StampOf("c1"), [], []);
        Assert.False(cache.TryGet("c1", withEvents: true, out _));
        cache.EndChange(["c1"], committed: true, orders: [Some.Order("o1", "c1")]);

        cache.Put(Some.Customer("c1"), cache.StampOf("c1"), [Some.Order("o1", "c1")], []);
        cache.BeginChange(["c1"]);
        Assert.False(cache.TryGet("c1", withEvents: true, out _));
        cache.EndChange(["c1"], committed: true, orders: [Some.Order("o2", "c1", at: Some.Time.AddDays(1)), Some.Order("o1", "c1", amount: 5m)]);
        Assert.True(cache.TryGet("c1", withEvents: true, out var held));
        Assert.Equal([("o1", 5m), ("o2", 100m)], held.Orders.Select(o => (o.Id, o.Amount)));

        cache.BeginChange(["c1"]);
        cache.EndChange(["c1"], committed: false, orders: [Some.Order("o3", "c1")]);
        Assert.True(cache.TryGet("c1", withEvents: true, out held));
        Assert.Equal(2, held.Orders.Count); // a rolled-back ingest leaves the entry as it was

        for (var i = 0; i < 500; i++) cache.Put(Some.Customer($"k{i}"), cache.StampOf($"k{i}"), [], []);
        Assert.InRange(cache.Count, 1, 50);
    }

    [Fact]
    public void The_memory_bound_evicts_the_least_recently_used_and_follows_histories_as_they_grow()
    {
        var history = Enumerable.Range(0, 20).Select(i => Some.Order($"o{i}", "c")).ToArray();
        var perCustomer = HeapSize.Of(Some.Customer("c0")) + HeapSize.Of(history); // every id here is as long as "c0"'s
        var cache = new ActivityCache(capacity: 1_000, byteBudget: perCustomer * 10);
        for (var i = 0; i < 10; i++) cache.Put(Some.Customer($"c{i}"), cache.StampOf($"c{i}"), history, null);
        Assert.Equal((10, perCustomer * 10), (cache.Count, cache.Bytes));

        cache.TryGet("c0", withEvents: false, out _); // c0 is now the most recently used
        cache.Put(Some.Customer("d0"), cache.StampOf("d0"), history, null);
        Assert.InRange(cache.Bytes, 1, perCustomer * 9);
        Assert.True(cache.TryGet("c0", withEvents: false, out _));
        Assert.True(cache.TryGet("d0", withEvents: false, out _));
        Assert.False(cache.TryGet("c1", withEvents: false, out _));

        // A held customer's history grows with ingest: the bound holds through the writer's updates too.
        var held = Enumerable.Range(0, 10).Select(i => $"c{i}").Where(id => cache.TryGet(id, false, out _)).ToList();
        cache.BeginChange(held);
        cache.EndChange(held, committed: true, orders: held.SelectMany(id => Enumerable.Range(0, 20).Select(k => Some.Order($"{id}-new{k}", id))).ToList());
        Assert.InRange(cache.Bytes, 1, perCustomer * 10);
    }

    [Fact]
    public void A_customer_whose_history_outgrows_a_tenth_of_the_memory_bound_is_not_held()
    {
        var cache = new ActivityCache(capacity: 1_000, byteBudget: HeapSize.Of([Some.Order("o1")]) * 50);
        cache.Put(Some.Customer("small"), cache.StampOf("small"), [Some.Order("o1", "small")], []);
        cache.Put(Some.Customer("large"), cache.StampOf("large"), Enumerable.Range(0, 6).Select(i => Some.Order($"l{i}", "large")).ToArray(), []);
        Assert.True(cache.TryGet("small", withEvents: true, out _));
        Assert.False(cache.TryGet("large", withEvents: true, out _));

        cache.BeginChange(["small"]);
        cache.EndChange(["small"], committed: true, orders: Enumerable.Range(0, 6).Select(i => Some.Order($"s{i}", "small")).ToList());
        Assert.False(cache.TryGet("small", withEvents: true, out _)); // grown past it: read from the file from now on
        Assert.Equal((0, 0L), (cache.Count, cache.Bytes));
    }
}
