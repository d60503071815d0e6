using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>A customer's page read in one turn holds what the separate stores say.</summary>
public abstract class CustomerStandingTests
{
    protected abstract TestStorage NewStorage();

    [Fact]
    public async Task The_standing_is_the_profile_and_every_decision_about_the_customer()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")]);
        await db.Outcomes.ApplyAsync(new OutcomeBatch
        {
            Source = Some.Run("run-1"),
            Segments = [new SegmentAssignment("c1", "value-grade", "A"), new SegmentAssignment("c1", "tier", "gold"), new SegmentAssignment("c2", "value-grade", "C")],
            Scores = [new ScoreChange("c1", "rfm", 5.5)],
            Tags = [new TagChange("c1", "vip", Present: true)],
            Points = [new PointsGrant("c1", PointsEntryType.Earn, 120, "order o-1", "order:o-1"), new PointsGrant("c1", PointsEntryType.Spend, -20, "coupon", "redeem:r-1")],
            FollowUps = [new FollowUpRequest("c1", "call:1", Some.Time.AddDays(3), "phone"), new FollowUpRequest("c1", "call:2", Some.Time.AddDays(1), "phone")],
        });
        var standings = db.Standings;

        var standing = standings.Find("c1", openTasks: 1)!;

        Assert.Equal("c1", standing.Customer.Id);
        Assert.Equal(new Dictionary<string, string> { ["value-grade"] = "A", ["tier"] = "gold" }, standing.Segments);
        Assert.Equal([("rfm", 5.5)], standing.Scores.Select(s => (s.Name, s.Value)));
        Assert.Equal(["vip"], standing.Tags.Select(t => t.Tag));
        Assert.Equal(100, standing.PointsBalance);
        Assert.Equal("call:2", Assert.Single(standing.OpenTasks).Key); // soonest due first, at most as many as asked
        Assert.Equal(new Dictionary<string, string> { ["value-grade"] = "C" }, standings.Find("c2", openTasks: 10)!.Segments);
        Assert.Null(standings.Find("nobody", openTasks: 10));
    }
}

public sealed class CustomerStandingOnLiteDb : CustomerStandingTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class CustomerStandingOnPostgres : CustomerStandingTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
