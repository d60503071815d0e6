using RuleEngine.Domain;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;
using RuleEngine.Triggers;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// An all-or-nothing ingest request as one PostgreSQL transaction (Storage/IAtomicUpsert): its batches are written as
/// they come, seen by nobody until the commit, and gone with their trigger marks if it is not committed.
/// </summary>
[Trait("Backend", "postgres")]
public sealed class AtomicUpsertOnPostgres : IAsyncLifetime
{
    readonly TempPostgres _db = new();
    IAtomicUpsert<Order> _orders = null!;

    public async Task InitializeAsync()
    {
        _orders = (IAtomicUpsert<Order>)_db.Orders;
        await _db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Batches_are_invisible_until_the_commit_and_their_marks_arrive_with_them_merged()
    {
        await using (var request = await _orders.BeginAsync(default))
        {
            await request.WriteAsync([Some.Order("o1", "c1", at: Some.Time), Some.Order("o2", "c2")], [Mark("c1", Some.Time), Mark("c2", Some.Time)], default);
            await request.WriteAsync([Some.Order("o3", "c1", at: Some.Time.AddDays(-2))], [Mark("c1", Some.Time.AddDays(-2))], default);

            Assert.Empty(_db.Orders.ForCustomer("c1"));
            Assert.Equal(0, _db.Outbox.Backlog([TriggerKinds.Orders]).Sum(b => b.Customers));

            await request.CommitAsync(default);
        }

        Assert.Equal(["o3", "o1"], _db.Orders.ForCustomer("c1").Select(o => o.Id));
        var pending = _db.Outbox.Oldest([TriggerKinds.Orders], 10);
        Assert.Equal([("c1", Some.Time.AddDays(-2)), ("c2", Some.Time)], pending.OrderBy(p => p.CustomerId).Select(p => (p.CustomerId, p.EarliestEventAt)));
    }

    [Fact]
    public async Task A_request_left_without_commit_keeps_nothing()
    {
        await using (var request = await _orders.BeginAsync(default))
        {
            await request.WriteAsync([Some.Order("o1", "c1")], [Mark("c1", Some.Time)], default);
            await request.WriteAsync([Some.Order("o2", "c2")], [Mark("c2", Some.Time)], default);
        }

        Assert.Empty(_db.Orders.ForCustomer("c1"));
        Assert.Empty(_db.Orders.ForCustomer("c2"));
        Assert.Empty(_db.Outbox.Oldest([TriggerKinds.Orders], 10));
    }

    [Fact]
    public async Task New_rows_copied_straight_in_and_a_later_batch_that_replaces_stored_rows_are_one_transaction()
    {
        await _db.Orders.UpsertAsync([Some.Order("o-stored", "c1", amount: 1m)]);

        await using (var request = await _orders.BeginAsync(default))
        {
            await request.WriteAsync([Some.Order("o1", "c1", amount: 10m), Some.Order("o2", "c2", amount: 20m)], null, default); // all new
            await request.WriteAsync([Some.Order("o3", "c1", amount: 30m), Some.Order("o-stored", "c1", amount: 40m)], null, default); // one stored
            await request.WriteAsync([Some.Order("o4", "c2", amount: 50m)], null, default); // new again, after a replacement
            await request.CommitAsync(default);
        }

        Assert.Equal([("o-stored", 40m), ("o1", 10m), ("o3", 30m)], _db.Orders.ForCustomer("c1").Select(o => (o.Id, o.Amount)).OrderBy(o => o.Id));
        Assert.Equal([("o2", 20m), ("o4", 50m)], _db.Orders.ForCustomer("c2").Select(o => (o.Id, o.Amount)).OrderBy(o => o.Id));
    }

    [Fact]
    public async Task A_request_left_without_commit_after_replacing_a_stored_row_keeps_it_as_it_was()
    {
        await _db.Orders.UpsertAsync([Some.Order("o-stored", "c1", amount: 1m)]);

        await using (var request = await _orders.BeginAsync(default))
        {
            await request.WriteAsync([Some.Order("o1", "c1", amount: 10m)], null, default);
            await request.WriteAsync([Some.Order("o-stored", "c1", amount: 2m), Some.Order("o2", "c1", amount: 20m)], null, default);
        }

        Assert.Equal([("o-stored", 1m)], _db.Orders.ForCustomer("c1").Select(o => (o.Id, o.Amount)));
    }

    [Fact]
    public async Task Batches_handed_over_before_the_last_one_is_in_are_written_in_order_the_replacing_one_included()
    {
        await _db.Orders.UpsertAsync([Some.Order("o-stored", "c1", amount: 1m)]);

        await using (var request = await _orders.BeginAsync(default))
        {
            // As the pipeline does: the next batch is handed over while the one before it is still being copied.
            var writes = new[]
            {
                request.WriteAsync([.. Enumerable.Range(0, 2_000).Select(i => Some.Order($"o{i}", "c1", amount: i))], null, default),
                request.WriteAsync([Some.Order("o-stored", "c1", amount: 40m), Some.Order("o-new", "c2", amount: 5m)], null, default),
                request.WriteAsync([.. Enumerable.Range(2_000, 2_000).Select(i => Some.Order($"o{i}", "c2", amount: i))], null, default),
            };
            await Task.WhenAll(writes);
            await request.CommitAsync(default);
        }

        Assert.Equal(2_001, _db.Orders.ForCustomer("c1").Count);
        Assert.Equal(40m, _db.Orders.ForCustomer("c1").Single(o => o.Id == "o-stored").Amount);
        Assert.Equal(2_001, _db.Orders.ForCustomer("c2").Count);
    }

    [Fact]
    public async Task A_batch_that_fails_fails_the_ones_handed_over_after_it_and_nothing_is_kept()
    {
        await using (var request = await _orders.BeginAsync(default))
        {
            var first = request.WriteAsync([Some.Order("o1", "c1")], null, default);
            var broken = request.WriteAsync([Some.Order("o2", "c1\0")], null, default); // a NUL byte: PostgreSQL refuses the text
            var after = request.WriteAsync([Some.Order("o3", "c2")], null, default);

            await first;
            await Assert.ThrowsAnyAsync<Exception>(() => broken);
            await Assert.ThrowsAnyAsync<Exception>(() => after);
        }

        Assert.Empty(_db.Orders.ForCustomer("c1"));
        Assert.Empty(_db.Orders.ForCustomer("c2"));
    }

    static TriggerMark Mark(string customerId, DateTime at) => new(customerId, TriggerKinds.Orders, at);
}
