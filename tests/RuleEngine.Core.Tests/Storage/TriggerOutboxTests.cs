using RuleEngine.Triggers;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>The durable trigger queue, as every backend keeps it: written with the data, coalesced, acknowledged by stamp.</summary>
public abstract class TriggerOutboxTests
{
    protected abstract TestStorage NewStorage();

    static TriggerMark Mark(string customer, string kind = "orders", int hours = 0) => new(customer, kind, Some.Time.AddHours(hours));

    [Fact]
    public async Task Marks_commit_with_their_data_one_entry_per_customer_and_kind_at_the_earliest_event_time()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")]);

        await db.Orders.UpsertAsync([Some.Order("o1", "c1"), Some.Order("o2", "c1")], [Mark("c1", hours: 2), Mark("c1", hours: 1)], default);
        await db.Orders.UpsertAsync([Some.Order("o3", "c1")], [Mark("c1", hours: 5)], default);
        await db.Events.UpsertAsync([Some.Event("e1", "c2")], [Mark("c2", "events:signin")], default);

        // One read (on shared storage a read claims what it returns).
        var read = db.Outbox.Oldest(["orders", "events:signin", "customers"], 10);
        Assert.Equal(2, read.Count);
        var orders = Assert.Single(read, p => p.Kind == "orders");
        Assert.Equal(("c1", Some.Time.AddHours(1)), (orders.CustomerId, orders.EarliestEventAt));
        Assert.Equal("c2", Assert.Single(read, p => p.Kind == "events:signin").CustomerId);
        Assert.Equal([("orders", 1L), ("customers", 0L)], db.Outbox.Backlog(["orders", "customers"]).Select(b => (b.Kind, b.Customers)));
    }

    [Fact]
    public async Task An_entry_marked_again_after_it_was_read_outlives_the_acknowledgement_of_the_older_read()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")], [Mark("c1", "customers"), Mark("c2", "customers")], default);
        var read = db.Outbox.Oldest(["customers"], 10);

        await db.Customers.UpsertAsync([Some.Customer("c2")], [Mark("c2", "customers")], default); // new data for c2 meanwhile
        await db.Outbox.AcknowledgeAsync(read);

        var left = Assert.Single(db.Outbox.Oldest(["customers"], 10));
        Assert.Equal("c2", left.CustomerId);
        await db.Outbox.AcknowledgeAsync([left]);
        Assert.Empty(db.Outbox.Oldest(["customers"], 10));
    }

    [Fact]
    public async Task A_read_passes_over_the_customers_of_batches_in_flight_and_leaves_them_waiting()
    {
        await using var db = NewStorage();
        var ids = Enumerable.Range(1, 5).Select(i => $"c{i}").ToList();
        await db.Customers.UpsertAsync(ids.Select(id => Some.Customer(id)).ToList());
        foreach (var id in ids) await db.Orders.UpsertAsync([Some.Order("o-" + id, id)], [Mark(id)], default); // c1 waits longest

        var read = db.Outbox.Oldest(["orders"], 2, new HashSet<string> { "c1", "c2" });

        Assert.Equal(["c3", "c4"], read.Select(p => p.CustomerId));
        // Passed over, not claimed: the next read (once their batch ended) takes them.
        var later = db.Outbox.Oldest(["orders"], 10).Select(p => p.CustomerId).ToList();
        Assert.Contains("c1", later);
        Assert.Contains("c2", later);
    }

    [Fact]
    public async Task A_customer_marked_while_an_acknowledgement_is_written_is_never_lost_whichever_commits_first()
    {
        await using var db = NewStorage();
        var ids = Enumerable.Range(1, 8).Select(i => $"c{i}").ToList();
        await db.Customers.UpsertAsync(ids.Select(id => Some.Customer(id)).ToList(), ids.Select(id => Mark(id, "customers")).ToList(), default);
        var random = new Random(7);

        for (var round = 0; round < 60; round++)
        {
            var read = db.Outbox.Oldest(["customers"], 100);
            var again = ids[random.Next(ids.Count)];
            // Queued together, so the writer often commits them in one transaction, in the order queued.
            Task Acknowledge() => db.Outbox.AcknowledgeAsync(read);
            Task MarkAgain() => db.Customers.UpsertAsync([Some.Customer(again)], [Mark(again, "customers")], default);
            await (round % 2 == 0 ? Task.WhenAll(Acknowledge(), MarkAgain()) : Task.WhenAll(MarkAgain(), Acknowledge()));

            Assert.Contains(db.Outbox.Oldest(["customers"], 100), p => p.CustomerId == again);
        }
    }

    [Fact]
    public async Task Entries_of_kinds_no_rule_wants_are_discarded_only_when_older_than_asked()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1")], [Mark("c1", "orders"), Mark("c1", "events:gone")], default);

        Assert.Equal(0, await db.Outbox.DiscardAsync(["orders"], DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(1, await db.Outbox.DiscardAsync(["orders"], DateTime.UtcNow.AddMinutes(5)));

        Assert.Single(db.Outbox.Oldest(["orders"], 10));
        Assert.Empty(db.Outbox.Oldest(["events:gone"], 10));
    }

    [Fact]
    public async Task The_backlog_counts_follow_every_mark_acknowledgement_discard_and_failed_write()
    {
        await using var db = NewStorage();
        long Waiting(string kind) => Assert.Single(db.Outbox.Backlog([kind])).Customers;
        Assert.Equal(0, Waiting("orders")); // asked before any change: on LiteDB, later answers come from counts kept in memory
        var ids = Enumerable.Range(1, 30).Select(i => $"c{i:D2}").ToList();
        await db.Customers.UpsertAsync(ids.Select(id => Some.Customer(id)).ToList());

        await db.Orders.UpsertAsync([Some.Order("o1", "c01")], ids.Take(20).Select(id => Mark(id)).ToList(), default);
        await db.Orders.UpsertAsync([Some.Order("o2", "c02")], ids.Skip(10).Select(id => Mark(id)).ToList(), default); // 10 again, 10 new
        await db.Events.UpsertAsync([Some.Event("e1", "c01")], [Mark("c01", "events:signin"), Mark("c02", "events:signin")], default);
        Assert.Equal((30, 2), (Waiting("orders"), Waiting("events:signin")));

        await db.Outbox.AcknowledgeAsync(db.Outbox.Oldest(["orders"], 10));
        var stale = db.Outbox.Oldest(["orders"], 10);
        await db.Outbox.AcknowledgeAsync(stale);
        await db.Outbox.AcknowledgeAsync(stale); // a retried acknowledgement removes nothing more
        await Assert.ThrowsAnyAsync<Exception>(() => db.Orders.UpsertAsync([Some.Order(null!, "c01")], [Mark("c99")], default));
        Assert.Equal(10, Waiting("orders"));

        Assert.Equal(2, await db.Outbox.DiscardAsync(["orders"], DateTime.UtcNow.AddMinutes(5)));
        Assert.Equal((10, 0), (Waiting("orders"), Waiting("events:signin")));
    }

    [Fact]
    public async Task A_failed_ingest_write_leaves_no_entry()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1")]);

        // An order row the store cannot take (no id) fails the whole write: its mark must not be there either.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Orders.UpsertAsync([Some.Order("ok", "c1"), Some.Order(null!, "c1")], [Mark("c1")], default));

        Assert.Empty(db.Outbox.Oldest(["orders"], 10));
        Assert.Empty(db.Orders.ForCustomer("c1"));
    }
}

public sealed class TriggerOutboxOnLiteDb : TriggerOutboxTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class TriggerOutboxOnPostgres : TriggerOutboxTests
{
    protected override TestStorage NewStorage() => new TempPostgres();

    [Fact]
    public async Task Servers_reading_at_once_take_different_customers_and_a_new_mark_frees_a_claimed_one()
    {
        await using var db = NewStorage();
        var ids = Enumerable.Range(1, 40).Select(i => $"c{i:D2}").ToList();
        await db.Customers.UpsertAsync(ids.Select(id => Some.Customer(id)).ToList(), ids.Select(id => new TriggerMark(id, "customers", Some.Time)).ToList(), default);

        var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => db.Outbox.Oldest(["customers"], 10))));

        Assert.Equal(ids, reads.SelectMany(r => r.Select(p => p.CustomerId)).Order(StringComparer.Ordinal));
        Assert.Empty(db.Outbox.Oldest(["customers"], 10)); // all claimed
        Assert.Equal(40, Assert.Single(db.Outbox.Backlog(["customers"])).Customers); // still waiting, though
        await db.Customers.UpsertAsync([Some.Customer("c07")], [new TriggerMark("c07", "customers", Some.Time)], default);
        Assert.Equal("c07", Assert.Single(db.Outbox.Oldest(["customers"], 10)).CustomerId);
    }
}
