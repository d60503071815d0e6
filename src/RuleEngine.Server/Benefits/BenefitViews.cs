using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Scripting;
using RuleEngine.Storage;

namespace RuleEngine.Server.Benefits;

/// <summary><c>GET /api/catalog</c>: the catalog in force with what is left of each stock, and the state of the newest edit.</summary>
public sealed record CatalogView(
    string? Version, DateTime? ActiveSince, string? PendingVersion, IReadOnlyList<RuleDiagnostic> Diagnostics,
    IReadOnlyList<CatalogItemView> Items, IReadOnlyList<CampaignView> Campaigns, IReadOnlyList<CouponTemplate> CouponTemplates,
    string TierSegment, IReadOnlyDictionary<string, TierEntitlements> Tiers)
{
    public static CatalogView Of(CatalogState state, IBenefitStore store)
    {
        var c = state.Catalog;
        return new CatalogView(state.Hash, state.ActiveSince, state.LatestHash != state.Hash ? state.LatestHash : null, state.Diagnostics,
            c.Items.Select(i => new CatalogItemView(i.Id, i.Kind, i.Title ?? (i.Template is { } t ? c.Template(t)?.Title : null), i.PointsCost, i.CashCost,
                i.Template is { } tt ? c.Template(tt)?.Threshold : null, i.Template is { } tv ? c.Template(tv)?.Value : null, i.Stock,
                i.Stock is { } s ? Math.Max(0, s - store.Issued(StockKeys.Item(i.Id))) : null, i.Template, i.Campaign)).ToList(),
            c.Campaigns.Select(k => new CampaignView(k.Id, k.Title, k.FreeChances, k.PointsPerChance, k.FallbackPrize,
                k.Prizes.Select(p => new PrizeView(p.Id, p.Title, p.Odds, p.Stock,
                    p.Stock is { } s ? Math.Max(0, s - store.Issued(StockKeys.Prize(k.Id, p.Id))) : null, p.Coupon, p.Points)).ToList())).ToList(),
            c.CouponTemplates, c.TierSegment, c.Tiers);
    }
}

public sealed record CatalogItemView(
    string Id, string Kind, string? Title, long PointsCost, decimal? CashCost, decimal? Threshold, decimal? Value, long? Stock, long? StockLeft,
    string? Template, string? Campaign);

public sealed record CampaignView(string Id, string? Title, int FreeChances, long? PointsPerChance, string FallbackPrize, IReadOnlyList<PrizeView> Prizes);

public sealed record PrizeView(string Id, string Title, double Odds, long? Stock, long? StockLeft, string? Coupon, long? Points);

/// <summary>A version of the catalog, without its text (<c>GET /api/catalog/versions</c>).</summary>
public sealed record CatalogVersionView(string Hash, DateTime CreatedAt, string Source, string Actor, bool Good);

/// <summary>The answer to <c>PUT /api/catalog</c> and <c>POST /api/catalog/validate</c>.</summary>
public sealed record CatalogSaveResult(bool Active, string? Version, string? PendingVersion, IReadOnlyList<RuleDiagnostic> Diagnostics);

public sealed record CouponView(
    string Id, string Template, string Title, decimal Value, decimal Threshold, DateTime IssuedAt, DateTime ExpiresAt, string Status,
    DateTime? UsedAt, string Origin, string Key, string? Rule, string? VersionHash, string? RunId, string? Explanation)
{
    public static CouponView Of(CouponState s)
    {
        var c = s.Coupon;
        var byRule = c.Origin == "rule";
        return new CouponView(c.Id, c.Template, c.Title, c.Value, c.Threshold, c.IssuedAt, c.ExpiresAt, s.Status, s.UsedAt, c.Origin, c.Key,
            byRule ? c.Source.Rule : null, c.Source.RuleVersionHash, byRule ? c.Source.RunId : null, c.Explanation);
    }
}

/// <summary><c>GET /api/customers/{id}/benefits</c>.</summary>
public sealed record BenefitsView(
    string CustomerId, IReadOnlyList<CouponView> Coupons, IReadOnlyDictionary<string, long> DrawChances, string? Tier, TierEntitlements Entitlements)
{
    public static BenefitsView Of(string customerId, CustomerBenefits b) =>
        new(customerId, b.Coupons.Select(CouponView.Of).ToList(), b.DrawChances, b.Tier, b.Entitlements ?? new TierEntitlements());
}

public sealed record RedemptionRequest(string? ItemId, string? IdempotencyKey);

public sealed record RedemptionView(
    string Id, string CustomerId, string ItemId, string Kind, string? Title, long PointsSpent, decimal? CashCost, CouponView? Coupon,
    string? Campaign, DateTime At, string IdempotencyKey, string CatalogVersion)
{
    public static RedemptionView Of(Redemption r, IBenefitStore store) => new(r.Id, r.CustomerId, r.ItemId, r.Kind, r.Title, r.PointsSpent,
        r.CashCost, CouponOf(r.CouponId, r.CustomerId, store), r.Campaign, r.At, r.IdempotencyKey, r.CatalogHash);

    internal static CouponView? CouponOf(string? couponId, string customerId, IBenefitStore store) =>
        couponId is null || store.CouponsFor(customerId).FirstOrDefault(c => c.Id == couponId) is not { } coupon
            ? null
            : CouponView.Of(new CouponState(coupon, coupon.ExpiresAt <= DateTime.UtcNow ? "expired" : "active", null));
}

public sealed record DrawRequest(string? Campaign, string? IdempotencyKey, bool? PayWithPoints);

public sealed record PrizeWon(string Id, string Title, long? Points);

public sealed record DrawView(
    string Id, string CustomerId, string Campaign, PrizeWon Prize, CouponView? Coupon, string DrawnPrize, bool FellBack, string PaidWith,
    long PointsSpent, double Roll, DateTime At, string IdempotencyKey, string CatalogVersion)
{
    public static DrawView Of(Draw d, IBenefitStore store) => new(d.Id, d.CustomerId, d.Campaign, new PrizeWon(d.Prize, d.PrizeTitle, d.PointsWon),
        RedemptionView.CouponOf(d.CouponId, d.CustomerId, store), d.DrawnPrize, d.FellBack, d.PaidWith, d.PointsSpent, d.Roll, d.At,
        d.IdempotencyKey, d.CatalogHash);
}
