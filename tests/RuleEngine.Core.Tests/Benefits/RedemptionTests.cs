using RuleEngine.Tests.TestSupport;
using RuleEngine.Audit;
using RuleEngine.Benefits;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Tests.Benefits;

public abstract class RedemptionTests
{
    protected abstract TestStorage NewStorage();

    [Fact]
    public async Task Redeeming_spends_the_points_and_issues_the_coupon_with_the_template_terms()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(150, "c1");

        var result = await h.Service.RedeemAsync("c1", "coupon-10", "k1", "shop");

        Assert.False(result.Replayed);
        Assert.Equal(100, result.Value!.PointsSpent);
        Assert.Equal(50, h.Balance("c1"));
        var coupon = Assert.Single(h.Db.Benefits.CouponsFor("c1"));
        Assert.Equal((result.Value.CouponId, "small-10", 10m, 0m), (coupon.Id, coupon.Template, coupon.Value, coupon.Threshold));
        Assert.Equal(BenefitsHarness.Now.AddDays(30), coupon.ExpiresAt);
        var spend = h.Db.Points.EntriesFor("c1").Single(e => e.Delta < 0);
        Assert.Equal((PointsEntryType.Spend, "redeem:k1", BenefitSources.Redemption, result.Value.Id), (spend.Type, spend.Key, spend.Source.Rule, spend.Source.RunId));
        Assert.Single(h.Audit.ReadAll(new AuditQuery { Type = AuditTypes.Redemption }));
    }

    [Fact]
    public async Task Too_few_points_is_refused_and_nothing_is_spent_or_issued()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(99, "c1");

        var result = await h.Service.RedeemAsync("c1", "coupon-10", "k1", "shop");

        Assert.Equal(BenefitRefusal.InsufficientPoints, result.Refusal);
        Assert.Contains("has 99 points", result.Detail);
        Assert.Equal(99, h.Balance("c1"));
        Assert.Empty(h.Db.Benefits.CouponsFor("c1"));
        Assert.Empty(h.Db.Benefits.RedemptionsFor("c1"));
        Assert.Empty(h.Audit.ReadAll(new AuditQuery { Type = AuditTypes.Redemption }));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_redemption_and_spends_once()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(500, "c1");

        var first = await h.Service.RedeemAsync("c1", "coupon-10", "k1", "shop");
        var again = await h.Service.RedeemAsync("c1", "coupon-10", "k1", "shop");
        var otherItem = await h.Service.RedeemAsync("c1", "limited", "k1", "shop");

        Assert.True(again.Replayed);
        Assert.Equal(first.Value, again.Value);
        Assert.Equal(BenefitRefusal.KeyReused, otherItem.Refusal);
        Assert.Equal(400, h.Balance("c1"));
        Assert.Single(h.Db.Benefits.CouponsFor("c1"));
        Assert.Single(h.Audit.ReadAll(new AuditQuery { Type = AuditTypes.Redemption }));
    }

    [Fact]
    public async Task Fifty_parallel_redemptions_against_a_balance_for_ten_make_exactly_ten_and_never_overdraw()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(1_000, "c1");

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => h.Service.RedeemAsync("c1", "coupon-10", $"k{i}", "shop"))));

        Assert.Equal(10, results.Count(r => r.Value is not null));
        Assert.Equal(40, results.Count(r => r.Refusal == BenefitRefusal.InsufficientPoints));
        Assert.Equal(0, h.Balance("c1"));
        Assert.Equal(10, h.Db.Benefits.CouponsFor("c1").Count);
        Assert.Equal(10, h.Db.Benefits.RedemptionsFor("c1").Count);
    }

    [Fact]
    public async Task Stock_is_never_oversold_under_parallel_redemptions_and_an_empty_stock_spends_nothing()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        var members = Enumerable.Range(0, 20).Select(i => $"c{i}").ToArray();
        await h.AddMembersAsync(100, members);

        var results = await Task.WhenAll(members.Select(id => Task.Run(() => h.Service.RedeemAsync(id, "limited", "k", "shop"))));

        Assert.Equal(3, results.Count(r => r.Value is not null));
        Assert.Equal(17, results.Count(r => r.Refusal == BenefitRefusal.OutOfStock));
        Assert.Equal(3, h.Db.Benefits.Issued(StockKeys.Item("limited")));
        Assert.Equal(3 * 90 + 17 * 100, members.Sum(h.Balance));
    }

    [Fact]
    public async Task A_draw_chance_item_adds_a_chance_to_the_campaign()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(10, "c1");

        await h.Service.RedeemAsync("c1", "wheel-chance", "k1", "shop");

        Assert.Equal(2, h.Service.For("c1")!.DrawChances["wheel"]);
        Assert.Equal(0, h.Balance("c1"));
    }
}

public sealed class RedemptionOnLiteDb : RedemptionTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class RedemptionOnPostgres : RedemptionTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
