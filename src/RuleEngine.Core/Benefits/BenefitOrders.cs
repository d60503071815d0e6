using RuleEngine.Audit;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Benefits;

/// <summary>
/// A redemption worked out before it reaches the writer: the record it will be, the item and its coupon template as the
/// catalog has them now. The store only checks balance and stock and writes, inside one writer transaction.
/// </summary>
/// <paramref name="Audit"/> seals the redemption's audit entry, written in the same transaction when it is made.
public sealed record RedemptionOrder(Redemption Draft, CatalogItem Item, CouponTemplate? Template, Func<AuditLink, AuditEntry>? Audit = null)
{
    public OutcomeSource Source => new() { Rule = BenefitSources.Redemption, RuleVersionHash = Draft.CatalogHash, RunId = Draft.Id, At = Draft.At };
}

/// <summary>
/// A draw worked out before it reaches the writer: its identity and roll, and the campaign's terms now;
/// <c>Audit</c> seals the draw's audit entry (the prize is known only in the writer), written in the same transaction.
/// </summary>
public sealed record DrawOrder(
    string Id, string CustomerId, string IdempotencyKey, double Roll, bool PayWithPoints, DrawCampaign Campaign,
    BenefitCatalog Catalog, string CatalogHash, DateTime At, string Actor, Func<Draw, Func<AuditLink, AuditEntry>>? Audit = null)
{
    public OutcomeSource Source => new() { Rule = BenefitSources.Draw, RuleVersionHash = CatalogHash, RunId = Id, At = At };
}

/// <summary>
/// Names that stand in for a rule on ledger entries and coupons that redemptions and draws write, so the customer's
/// points and coupons say where each came from (the "run" is the redemption or draw id, the "version" the catalog's).
/// </summary>
public static class BenefitSources
{
    public const string Redemption = "benefits:redemption";
    public const string Draw = "benefits:draw";
}

/// <summary>Ids of the stock counters: one per limited item, one per limited prize.</summary>
public static class StockKeys
{
    public static string Item(string itemId) => $"item|{itemId}";

    public static string Prize(string campaign, string prizeId) => $"prize|{campaign}|{prizeId}";
}

/// <summary>Deterministic ids of redemptions and draws: the same customer and idempotency key always name the same one.</summary>
public static class BenefitIds
{
    public static string Redemption(string customerId, string idempotencyKey) => OutcomeKeys.For(BenefitSources.Redemption, customerId, idempotencyKey);

    public static string Draw(string customerId, string idempotencyKey) => OutcomeKeys.For(BenefitSources.Draw, customerId, idempotencyKey);
}
