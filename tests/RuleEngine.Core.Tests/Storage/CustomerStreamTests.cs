using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

public abstract class CustomerStreamTests
{
    protected abstract TestStorage NewStorage();

    async Task<TestStorage> WithCustomers(int count)
    {
        var db = NewStorage();
        var ids = Enumerable.Range(0, count).Select(i => $"c{i:D3}").ToList();
        await db.Customers.UpsertAsync(ids.Select(id => Some.Customer(id)).ToList());
        await db.Orders.UpsertAsync(ids.SelectMany(id => new[] { Some.Order($"{id}-o1", id), Some.Order($"{id}-o2", id, at: Some.Time.AddDays(-1)) }).ToList());
        await db.Events.UpsertAsync(ids.Where((_, i) => i % 2 == 0).Select(id => Some.Event($"{id}-e1", id)).ToList());
        return db;
    }

    [Fact]
    public async Task Pages_cover_every_customer_once_in_id_order_with_their_own_orders_and_events()
    {
        await using var db = await WithCustomers(25);

        var pages = db.Stream.ReadPages(pageSize: 10).ToList();

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"c{i:D3}"), all.Select(c => c.Customer.Id));
        Assert.All(all, c => Assert.Equal([$"{c.Customer.Id}-o2", $"{c.Customer.Id}-o1"], c.Orders.Select(o => o.Id)));
        Assert.Equal(13, all.Count(c => c.Events.Count == 1));
        Assert.All(all.SelectMany(c => c.Events.Select(e => (c.Customer.Id, e.CustomerId))), p => Assert.Equal(p.Item1, p.Item2));
    }

    [Fact]
    public async Task Reading_resumes_after_a_given_id()
    {
        await using var db = await WithCustomers(25);

        var rest = db.Stream.ReadPages(pageSize: 10, afterId: "c019").SelectMany(p => p).Select(c => c.Customer.Id).ToList();

        Assert.Equal(["c020", "c021", "c022", "c023", "c024"], rest);
    }

    [Fact]
    public async Task Reading_chosen_customers_skips_unknown_ids()
    {
        await using var db = await WithCustomers(5);

        var chosen = db.Stream.Read(["c003", "nope", "c001"]);

        Assert.Equal(["c001", "c003"], chosen.Select(c => c.Customer.Id));
        Assert.Equal(2, chosen[1].Orders.Count);
    }

    [Fact]
    public async Task Without_events_pages_and_chosen_customers_come_with_their_orders_and_no_events()
    {
        await using var db = await WithCustomers(25);

        var paged = db.Stream.ReadPages(pageSize: 10, withEvents: false).SelectMany(p => p).ToList();
        var chosen = db.Stream.Read(["c000", "c002"], withEvents: false);

        Assert.Equal(25, paged.Count);
        Assert.All(paged.Concat(chosen), c => Assert.Equal(2, c.Orders.Count));
        Assert.All(paged.Concat(chosen), c => Assert.Empty(c.Events));
        Assert.Single(db.Stream.Read(["c000"]).Single().Events);
    }
}

public sealed class CustomerStreamOnLiteDb : CustomerStreamTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class CustomerStreamOnPostgres : CustomerStreamTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
