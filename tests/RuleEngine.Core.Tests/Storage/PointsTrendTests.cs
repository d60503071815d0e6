using RuleEngine.Tests.TestSupport;
using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Tests.Benefits;

namespace RuleEngine.Tests.Storage;

/// <summary>Points earned, spent and expired per day are kept with the ledger and always equal a sum of it.</summary>
public abstract class PointsTrendTests
{
    protected abstract TestStorage NewStorage();

    static readonly DateTime Saturday = BenefitsHarness.Now.AddDays(-1);

    static OutcomeBatch Grants(string runId, DateTime at, params PointsGrant[] grants) => new()
    {
        Source = new OutcomeSource { Rule = "points-rule", RuleVersionHash = "h1", RunId = runId, At = at }, Points = grants,
    };

    /// <summary>A rule's earns, a refund's reversal and an expiry; redemptions and draws in the shop.</summary>
    protected async Task<BenefitsHarness> LedgerAsync()
    {
        var h = await BenefitsHarness.StartAsync(NewStorage(), TestCatalogs.Small);
        await h.AddMembersAsync(300, "c1", "c2");                                              // Saturday: 600 earned
        await h.Db.Outcomes.ApplyAsync(Grants("run-1", Saturday.AddDays(-7),
            new PointsGrant("c1", PointsEntryType.Earn, 40, "order", "order:o-1"),
            new PointsGrant("c2", PointsEntryType.Earn, -25, "refund", "refund:o-2"),
            new PointsGrant("c2", PointsEntryType.Expire, -30, "expiry", "expire:2025")));
        Assert.True((await h.Service.RedeemAsync("c1", "coupon-10", "k1", "shop")).Value is not null);   // Sunday: 100 spent
        for (var i = 0; i < 8; i++) await h.Service.DrawAsync("c2", "mixed", $"d{i}", payWithPoints: false, "shop");
        return h;
    }

    /// <summary>The ledger (of the two members) summed per day and direction, as the kept totals must say.</summary>
    static Dictionary<DateOnly, (long Earned, long Spent, long Expired)> Recount(TestStorage db) =>
        db.Points.EntriesFor(["c1", "c2"])
            .GroupBy(e => DateOnly.FromDateTime(e.Source.At))
            .ToDictionary(g => g.Key, g => (
                g.Where(e => e.Type == PointsEntryType.Earn).Sum(e => e.Delta),
                -g.Where(e => e.Type == PointsEntryType.Spend).Sum(e => e.Delta),
                -g.Where(e => e.Type == PointsEntryType.Expire).Sum(e => e.Delta)));

    protected static Dictionary<DateOnly, (long Earned, long Spent, long Expired)> Kept(IPointsTrends trends, DateOnly from, DateOnly to) =>
        trends.Trend(from, to, TrendBucket.Day).Points.Where(p => p.Earned != 0 || p.Spent != 0 || p.Expired != 0)
            .ToDictionary(p => p.Start, p => (p.Earned, p.Spent, p.Expired));

    protected static readonly DateOnly From = DateOnly.FromDateTime(Saturday).AddDays(-30), To = DateOnly.FromDateTime(Saturday).AddDays(30);

    [Fact]
    public async Task Day_totals_equal_a_sum_of_the_ledger_after_rules_redemptions_draws_and_repeats()
    {
        await using var h = await LedgerAsync();
        await h.Db.Outcomes.ApplyAsync(Grants("run-1", Saturday.AddDays(-7), new PointsGrant("c1", PointsEntryType.Earn, 40, "order", "order:o-1"))); // a repeat: nothing
        await h.Service.RedeemAsync("c1", "coupon-10", "k1", "shop");                                                                                  // a replay: nothing

        var kept = Kept(h.Db.PointsTrends, From, To);

        Assert.Equal(Recount(h.Db).OrderBy(d => d.Key), kept.OrderBy(d => d.Key));
        Assert.Equal((15L, 0L, 30L), kept[DateOnly.FromDateTime(Saturday.AddDays(-7))]);
        Assert.Equal((600L, 0L, 0L), kept[DateOnly.FromDateTime(Saturday)]);
        Assert.Equal(100L, kept[DateOnly.FromDateTime(BenefitsHarness.Now)].Spent);
    }

    [Fact]
    public async Task A_dry_run_preview_leaves_the_totals_alone()
    {
        await using var h = await LedgerAsync();
        var before = Kept(h.Db.PointsTrends, From, To);

        await h.Db.Outcomes.ApplyAsync(Grants("dry", Saturday, new PointsGrant("c1", PointsEntryType.Earn, 999, "order", "order:o-9")), OutcomeMode.Preview);

        Assert.Equal(before, Kept(h.Db.PointsTrends, From, To));
    }

    [Fact]
    public async Task Weeks_run_Monday_to_Sunday_and_sum_their_days()
    {
        await using var h = await LedgerAsync();
        var monday = DateOnly.FromDateTime(Saturday).AddDays(-12);    // 2026-11-09

        var weeks = h.Db.PointsTrends.Trend(monday, monday.AddDays(20), TrendBucket.Week).Points;

        Assert.Equal([monday, monday.AddDays(7), monday.AddDays(14)], weeks.Select(w => w.Start));
        Assert.Equal((15L, 0L, 30L), (weeks[0].Earned, weeks[0].Spent, weeks[0].Expired));
        var secondWeek = Recount(h.Db).Where(d => d.Key >= weeks[1].Start && d.Key <= weeks[1].End).Select(d => d.Value).ToList();
        Assert.Equal((secondWeek.Sum(d => d.Earned), secondWeek.Sum(d => d.Spent), secondWeek.Sum(d => d.Expired)), (weeks[1].Earned, weeks[1].Spent, weeks[1].Expired));
        Assert.True(weeks[1].Earned >= 600 && weeks[1].Spent >= 100, $"Saturday's 600 and Sunday's redemption are in the week ending Sunday the 22nd: {weeks[1]}");
        Assert.Equal((0L, 0L, 0L), (weeks[2].Earned, weeks[2].Spent, weeks[2].Expired));
    }

}

public sealed class PointsTrendOnLiteDb : PointsTrendTests
{
    protected override TestStorage NewStorage() => new TempDatabase();

    [Fact]
    public async Task A_file_from_before_the_totals_gets_them_summed_from_the_ledger_at_start()
    {
        await using var h = await LedgerAsync();
        var kept = Kept(h.Db.PointsTrends, From, To);

        await ((TempDatabase)h.Db).ReopenAsync(raw =>
        {
            raw.GetCollection(LiteDbCollections.PointsDays).DeleteAll();
            raw.GetCollection(LiteDbCollections.Meta).Delete("points-days-v1");
        });

        Assert.Equal(kept, Kept(h.Db.PointsTrends, From, To));
    }
}

[Trait("Backend", "postgres")]
public sealed class PointsTrendOnPostgres : PointsTrendTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
