using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

public abstract class CustomerSearchTests
{
    protected abstract TestStorage NewStorage();

    protected async Task<TestStorage> Seeded()
    {
        var db = NewStorage();
        await db.Customers.UpsertAsync(
        [
            new Customer { Id = "c1", Name = "Zhang Wei", Phone = "138-1234-5678", Email = "zw@example.com" },
            new Customer { Id = "c2", Name = "Zhang Wei", Phone = "13900000000", Email = "zhang.wei@example.com" },
            new Customer { Id = "c3", Name = "Wang Fang", Phone = "+86 138 0000 1111", Email = "fang@example.com" },
            new Customer { Id = "zh-1", Name = "Li Na", Email = "li@example.com" },
            new Customer { Id = "c5" },
        ]);
        return db;
    }

    protected static List<string> Ids(TestStorage db, string? text, string? kind = null, string? value = null, int limit = 100)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = db.Search.Search(new CustomerSearchQuery(text, kind, value), new PageRequest(limit, cursor));
            ids.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return ids;
    }

    [Theory]
    [InlineData("c", new[] { "c1", "c2", "c3", "c5" })]          // id prefix
    [InlineData("zhang w", new[] { "c1", "c2" })]                // name prefix, any case
    [InlineData("ZH", new[] { "c1", "c2" })]                     // name; "zh-1" is an id and ids keep their case
    [InlineData("zh", new[] { "c1", "c2", "zh-1" })]             // name and id; e-mail "zw@"/"zhang.wei@" are the same customers, shown once
    [InlineData("138", new[] { "c1" })]                          // phone digits
    [InlineData("86138", new[] { "c3" })]
    [InlineData("fang@", new[] { "c3" })]                        // e-mail prefix
    [InlineData("nobody", new string[0])]
    public async Task Finds_by_id_name_phone_or_email_prefix_each_customer_once(string text, string[] expected)
    {
        await using var db = await Seeded();

        Assert.Equal(expected.Order(), Ids(db, text).Order());
    }

    [Fact]
    public async Task Pages_of_one_show_every_match_once_in_the_same_order()
    {
        await using var db = await Seeded();

        Assert.Equal(Ids(db, "zh", limit: 100), Ids(db, "zh", limit: 1));
        Assert.Equal(Ids(db, "", limit: 100), Ids(db, "", limit: 2));
        Assert.Equal(5, Ids(db, "").Count);
    }

    [Fact]
    public async Task Finds_the_members_of_a_segment_alone_or_with_a_prefix()
    {
        await using var db = await Seeded();
        await db.Outcomes.ApplyAsync(new OutcomeBatch
        {
            Source = Some.Run(), Segments = [new SegmentAssignment("c1", "tier", "gold"), new SegmentAssignment("c3", "tier", "gold"), new SegmentAssignment("c2", "tier", "silver")],
        });

        Assert.Equal(["c1", "c3"], Ids(db, null, "tier", "gold", limit: 1));
        Assert.Equal(["c1"], Ids(db, "zhang", "tier", "gold"));
        Assert.Empty(Ids(db, null, "tier", "platinum"));
    }

}

public sealed class CustomerSearchOnLiteDb : CustomerSearchTests
{
    protected override TestStorage NewStorage() => new TempDatabase();

    [Fact]
    public async Task Customers_stored_before_search_keys_get_them_at_the_first_start()
    {
        await using var db = (TempDatabase)await Seeded();
        await db.ReopenAsync(raw =>
        {
            var customers = raw.GetCollection(RuleEngine.Storage.LiteDb.LiteDbCollections.Customers);
            foreach (var old in customers.FindAll().ToList())
            {
                foreach (var key in new[] { "NameKey", "EmailKey", "PhoneKey" }) old.Remove(key);
                customers.Update(old);
            }
            raw.GetCollection(RuleEngine.Storage.LiteDb.LiteDbCollections.Meta).Delete("customer-search-keys-v1");
        });

        Assert.Equal(["c1", "c2"], Ids(db, "zhang").Order());
        Assert.Equal(["c1"], Ids(db, "138"));
    }
}

[Trait("Backend", "postgres")]
public sealed class CustomerSearchOnPostgres : CustomerSearchTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
