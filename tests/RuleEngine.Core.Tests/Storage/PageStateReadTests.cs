using RuleEngine.Domain.Outcomes;
using RuleEngine.Runs;
using RuleEngine.Scripting.Api;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>A page's states read in one query per kind are exactly the states read customer by customer.</summary>
public abstract class PageStateReadTests
{
    protected abstract TestStorage NewStorage();

    [Fact]
    public async Task A_pages_states_read_together_equal_each_customers_state_read_alone_at_every_as_of()
    {
        await using var db = NewStorage();
        var ids = Enumerable.Range(0, 9).Select(i => $"c{i}").ToList();
        await db.Customers.UpsertAsync(ids.Select(id => Some.Customer(id)).ToList());
        var early = Some.Run("run-1");
        var late = Some.Run("run-2", at: Some.Time.AddDays(2));
        await db.Outcomes.ApplyAsync(new OutcomeBatch
        {
            Source = early,
            Segments = ids.Take(6).Select(id => new SegmentAssignment(id, "tier", "silver", "first")).ToList(),
            Scores = ids.Take(4).Select((id, i) => new ScoreChange(id, "rfm", i + 0.5)).ToList(),
            Tags = ids.Take(3).Select(id => new TagChange(id, "vip", Present: true)).ToList(),
            Points = ids.Take(5).SelectMany(id => new[] { new PointsGrant(id, PointsEntryType.Earn, 100, "order", $"order:{id}-1"), new PointsGrant(id, PointsEntryType.Earn, 7, "sign-in", $"signin:{id}") }).ToList(),
            FollowUps = ids.Take(2).Select(id => new FollowUpRequest(id, $"call:{id}", Some.Time.AddDays(1), "phone", "call")).ToList(),
        });
        await db.Outcomes.ApplyAsync(new OutcomeBatch
        {
            Source = late,
            Segments = ids.Take(3).Select(id => new SegmentAssignment(id, "tier", "gold", "later")).ToList(),
            Scores = [new ScoreChange("c0", "rfm", 9), new ScoreChange("c0", "churn", 0.25)],
            Points = [new PointsGrant("c1", PointsEntryType.Spend, -30, "coupon", "redeem:r1")],
        });
        var reader = new CustomerStateReader(db.Segments, db.Scores, db.Points, db.FollowUps);

        foreach (var asOf in new[] { Some.Time.AddDays(-1), Some.Time.AddDays(1), Some.Time.AddDays(3) })
        {
            var together = reader.Read(ids, asOf);
            Assert.Equal(ids.Order(), together.Keys.Order());
            foreach (var id in ids)
            {
                var alone = reader.Read(id, asOf);
                var page = together[id];
                Assert.Equal(alone.Segments.OrderBy(p => p.Key), page.Segments.OrderBy(p => p.Key));
                Assert.Equal(alone.Scores.ToList(), page.Scores.ToList());
                Assert.Equal(alone.RuleTags.Order(), page.RuleTags.Order());
                Assert.Equal(alone.Ledger.Select(e => e.Id), page.Ledger.Select(e => e.Id));
                Assert.Equal(alone.OpenTasks.Select(t => t.Id), page.OpenTasks.Select(t => t.Id));
            }
        }
        Assert.Equal("gold", reader.Read(ids, Some.Time.AddDays(3))["c0"].Segments["tier"]);

        // A part read alone is the full read's part; the parts not asked for stay empty.
        var full = reader.Read(ids, Some.Time.AddDays(3));
        var segmentsOnly = reader.Read(ids, Some.Time.AddDays(3), StateParts.Segments);
        var ledgerOnly = reader.Read(ids, Some.Time.AddDays(3), StateParts.Ledger);
        foreach (var id in ids)
        {
            Assert.Equal(full[id].Segments.OrderBy(p => p.Key), segmentsOnly[id].Segments.OrderBy(p => p.Key));
            Assert.Equal(full[id].Ledger.Select(e => e.Id), ledgerOnly[id].Ledger.Select(e => e.Id));
            Assert.Empty(segmentsOnly[id].Ledger);
            Assert.Empty(ledgerOnly[id].Segments);
            Assert.Empty(segmentsOnly[id].Scores);
            Assert.Empty(segmentsOnly[id].OpenTasks);
        }
        Assert.Equal(77, reader.Read(ids, Some.Time.AddDays(3))["c1"].Ledger.Sum(e => e.Delta));
    }

}

public sealed class PageStateReadOnLiteDb : PageStateReadTests
{
    protected override TestStorage NewStorage() => new TempDatabase();

    [Fact]
    public async Task Reading_chosen_customers_uses_the_id_and_CustomerId_indexes_not_a_scan()
    {
        await using var db = new TempDatabase();
        var expression = LiteDbQuery.In("CustomerId", ["c1", "c2"]);
        foreach (var collection in new[] { LiteDbCollections.Orders, LiteDbCollections.Segments, LiteDbCollections.Points, LiteDbCollections.FollowUps })
        {
            var plan = db.Database.GetCollection(collection).Query().Where(expression).GetPlan();
            Assert.Equal("CustomerId", plan["index"]["name"].AsString);
        }
        var byId = db.Database.GetCollection(LiteDbCollections.Customers).Query().Where(LiteDbQuery.In("_id", ["c1"])).GetPlan();
        Assert.Equal("_id", byId["index"]["name"].AsString);
    }

    [Fact]
    public async Task Which_ids_are_stored_is_read_from_the_id_index_without_loading_documents()
    {
        await using var db = new TempDatabase();
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run(), Points = [new PointsGrant("c1", PointsEntryType.Earn, 5, "bonus", "bonus")] });
        var points = db.Database.GetCollection(LiteDbCollections.Points);
        var stored = points.FindAll().Single()["_id"].AsString;

        var query = LiteDbQuery.StoredIds(points, [stored, "not-there"]);

        Assert.Equal("index", query.GetPlan()["lookup"]["loader"].AsString);
        Assert.Equal([stored], query.ToList().Select(d => d["_id"].AsString));
    }

    [Fact]
    public async Task A_range_between_two_keys_stops_at_its_upper_end()
    {
        // LiteDB takes one term of an AND for the index: "> a AND < b" scanned from a to the end of the index.
        await using var db = new TempDatabase();
        var plan = db.Database.GetCollection(LiteDbCollections.TriggerOutbox).Query()
            .Where(LiteDbQuery.Inside("Queue", "orders|", "orders|~")).GetPlan();
        Assert.StartsWith("INDEX RANGE SCAN(Queue BETWEEN", plan["index"]["mode"].AsString);
    }
}

[Trait("Backend", "postgres")]
public sealed class PageStateReadOnPostgres : PageStateReadTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
