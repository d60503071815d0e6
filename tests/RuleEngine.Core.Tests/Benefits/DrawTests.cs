using RuleEngine.Tests.TestSupport;
using System.Text.Json;
using RuleEngine.Audit;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Draws;
using RuleEngine.Domain;

namespace RuleEngine.Tests.Benefits;

public abstract class DrawTests
{
    protected abstract TestStorage NewStorage();

    [Fact]
    public async Task A_stock_of_five_under_fifty_parallel_draws_gives_five_prizes_and_forty_five_fallbacks()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        var members = Enumerable.Range(0, 50).Select(i => $"c{i}").ToArray();
        await h.AddMembersAsync(0, members);

        var results = await Task.WhenAll(members.Select(id => Task.Run(() => h.Service.DrawAsync(id, "wheel", "k", payWithPoints: false, "shop"))));

        Assert.All(results, r => Assert.NotNull(r.Value));
        Assert.Equal(5, results.Count(r => r.Value!.Prize == "tote"));
        Assert.Equal(45, results.Count(r => r.Value!.Prize == "thanks" && r.Value.FellBack && r.Value.DrawnPrize == "tote"));
        Assert.Equal(5, h.Db.Benefits.Issued(StockKeys.Prize("wheel", "tote")));
        Assert.All(members, id => Assert.Equal(0, h.Service.For(id)!.DrawChances["wheel"]));
    }

    [Fact]
    public async Task Parallel_draws_never_spend_more_chances_than_held_and_pay_with_points_only_when_asked()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(25, "c1");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => h.Service.DrawAsync("c1", "wheel", $"k{i}", false, "shop"))));
        Assert.Equal(1, results.Count(r => r.Value is not null));
        Assert.Equal(9, results.Count(r => r.Refusal == BenefitRefusal.NoChanceLeft));
        Assert.Equal(25, h.Balance("c1"));

        var paid = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => h.Service.DrawAsync("c1", "wheel", $"p{i}", true, "shop"))));
        Assert.Equal(2, paid.Count(r => r.Value is { PaidWith: "points", PointsSpent: 10 }));
        Assert.Equal(3, paid.Count(r => r.Refusal == BenefitRefusal.InsufficientPoints));
        Assert.Equal(5, h.Balance("c1"));
    }

    [Fact]
    public async Task A_draw_is_reproducible_from_its_audit_record_and_the_secret()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        var members = Enumerable.Range(0, 12).Select(i => $"m{i}").ToArray();
        await h.AddMembersAsync(0, members);
        foreach (var id in members) await h.Service.DrawAsync(id, "mixed", $"key-{id}", false, "shop");

        var records = h.Audit.ReadAll(new AuditQuery { Type = AuditTypes.Draw }).ToList();
        Assert.Equal(12, records.Count);
        foreach (var record in records)
        {
            // What an auditor does: read the identity from the record, recompute the roll with the secret, pick by the catalog's odds.
            var details = JsonDocument.Parse(record.Details).RootElement;
            var (campaign, customer, key) = (details.GetProperty("campaign").GetString()!, details.GetProperty("customerId").GetString()!,
                details.GetProperty("idempotencyKey").GetString()!);
            var roll = DrawRoll.Of(h.Secret, campaign, customer, key);
            Assert.Equal(details.GetProperty("roll").GetDouble(), roll);
            Assert.Equal(details.GetProperty("drawnPrize").GetString(), DrawRoll.Pick(h.Catalog.Current.Campaign(campaign)!, roll).Id);
            Assert.Equal(h.Catalog.State.Hash, details.GetProperty("catalogHash").GetString());
        }
        // Different identities spread over the prizes (12 draws at 25/25/50%: all in one prize would be a broken roll).
        Assert.True(records.Select(r => JsonDocument.Parse(r.Details).RootElement.GetProperty("prize").GetString()).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Retrying_a_draw_returns_the_same_prize_and_spends_one_chance()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(0, "c1");

        var first = await h.Service.DrawAsync("c1", "mixed", "k1", false, "shop");
        var again = await h.Service.DrawAsync("c1", "mixed", "k1", false, "shop");

        Assert.True(again.Replayed);
        Assert.Equal(first.Value, again.Value);
        Assert.Equal(99, h.Service.For("c1")!.DrawChances["mixed"]);
        Assert.Single(h.Audit.ReadAll(new AuditQuery { Type = AuditTypes.Draw }));
    }

    [Fact]
    public async Task Prizes_are_issued_coupons_as_coupons_and_points_as_ledger_entries()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(0, "c1");

        var draws = new List<Draw>();
        for (var i = 0; i < 40; i++) draws.Add((await h.Service.DrawAsync("c1", "mixed", $"k{i}", false, "shop")).Value!);

        Assert.Equal(draws.Count(d => d.Prize == "coupon"), h.Db.Benefits.CouponsFor("c1").Count(c => c.Origin == "draw"));
        Assert.Equal(draws.Count(d => d.Prize == "points") * 5, h.Balance("c1"));
        Assert.Contains(draws, d => d.Prize == "coupon");
        Assert.Contains(draws, d => d.Prize == "points");
    }

    [Fact]
    public async Task Coupon_state_follows_coupon_used_events_and_expiry()
    {
        await using var h = await BenefitsHarness.StartAsync(NewStorage());
        await h.AddMembersAsync(300, "c1");
        var used = (await h.Service.RedeemAsync("c1", "coupon-10", "a", "shop")).Value!;
        await h.Service.RedeemAsync("c1", "coupon-10", "b", "shop");
        await h.Db.Events.UpsertAsync([new InteractionEvent
        {
            Id = "e1", CustomerId = "c1", Type = EventTypes.CouponUsed, At = BenefitsHarness.Now.AddHours(1),
            Properties = new Dictionary<string, string> { ["couponId"] = used.CouponId! },
        }]);

        Assert.Equal(["used", "active"], h.Service.For("c1")!.Coupons.OrderBy(c => c.Status == "active").Select(c => c.Status).ToArray());
        h.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(["expired", "used"], h.Service.For("c1")!.Coupons.Select(c => c.Status).Order().ToArray());
    }
}

public sealed class DrawOnLiteDb : DrawTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class DrawOnPostgres : DrawTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
