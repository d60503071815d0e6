using RuleEngine.Domain;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

public abstract class InputStoreTests
{
    protected abstract TestStorage NewStorage();

    [Fact]
    public async Task Upserting_the_same_ids_again_replaces_instead_of_adding()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1", "Old"), Some.Customer("c2")]);
        await db.Customers.UpsertAsync([Some.Customer("c1", "New"), Some.Customer("c2")]);

        Assert.Equal(2, db.Customers.Count());
        Assert.Equal("New", db.Customers.Find("c1")!.Name);
    }

    [Fact]
    public async Task Ids_are_case_sensitive()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("C1", "Upper"), Some.Customer("c1", "Lower")]);

        Assert.Equal(2, db.Customers.Count());
        Assert.Equal("Upper", db.Customers.Find("C1")!.Name);
    }

    [Fact]
    public async Task A_customer_round_trips_with_every_field()
    {
        await using var db = NewStorage();
        var customer = new Customer
        {
            Id = "c1", Name = "Li Min", Email = "li@example.com", Phone = "+86 1", Gender = "female", Birthday = new DateOnly(2000, 2, 29),
            Region = "Shanghai", JoinedAt = Some.Time, Channel = "clinic", Tags = ["vip"],
            Attributes = new Dictionary<string, string> { ["skinType"] = "dry" }, Consent = new Dictionary<string, bool> { ["sms"] = true },
        };
        await db.Customers.UpsertAsync([customer]);
        await db.ReopenAsync();

        var read = db.Customers.Find("c1")!;
        Assert.Equal(customer with { Tags = read.Tags, Attributes = read.Attributes, Consent = read.Consent }, read);
        Assert.Equal(["vip"], read.Tags);
        Assert.Equal("dry", read.Attributes["skinType"]);
        Assert.True(read.Consent["sms"]);
        Assert.Equal(DateTimeKind.Utc, read.JoinedAt!.Value.Kind);
    }

    [Fact]
    public async Task An_order_round_trips_with_items_and_refund()
    {
        await using var db = NewStorage();
        var order = Some.Order("o1", amount: 12.34m) with
        {
            Status = OrderStatus.Refunded, RefundedAt = Some.Time.AddDays(2), Items = [new OrderItem("SKU-1", "Cream", 2, 6.17m)],
        };
        await db.Orders.UpsertAsync([order]);

        var read = Assert.Single(db.Orders.ForCustomer("c1"));
        Assert.Equal(order with { Items = read.Items }, read);
        Assert.Equal(order.Items, read.Items);
    }

    [Fact]
    public async Task Find_missing_names_only_customers_that_do_not_exist()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")]);

        Assert.Equal(["x"], db.Customers.FindMissing(["c1", "x", "c2"]));
        // A fresh store (no cache of known ids) reads the file.
        Assert.Empty(db.Customers.FindMissing(["c1", "c2"]));
    }
}

public sealed class InputStoreOnLiteDb : InputStoreTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class InputStoreOnPostgres : InputStoreTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
