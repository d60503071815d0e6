using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain;
using RuleEngine.Storage;

namespace RuleEngine.Benefits;

/// <summary>
/// Redemptions, draws and a member's benefits, over the catalog in force and the benefit store. Requests are checked
/// and worked out here; the store makes each one atomic, its audit entry included: a redemption or draw is never made
/// without its entry in the audit log, nor recorded there without being made.
/// </summary>
public sealed class BenefitsService(
    BenefitCatalogKeeper catalog, IBenefitStore store, ICustomerStore customers, IEventStore events, ISegmentStore segments,
    DrawSecret secret, IOptions<BenefitsOptions> options, TimeProvider clock, IAuditLog audit)
{
    public async Task<BenefitResult<Redemption>> RedeemAsync(string customerId, string? itemId, string? idempotencyKey, string actor, CancellationToken cancellation = default)
    {
        if (Invalid<Redemption>(idempotencyKey, "itemId", itemId) is { } invalid) return invalid;
        var state = catalog.State;
        if (state.Catalog.Item(itemId!) is not { } item)
            return BenefitResult<Redemption>.Refused(BenefitRefusal.UnknownItem, $"The catalog has no item '{itemId}'; list them with GET /api/catalog.");
        if (!Exists(customerId))
            return BenefitResult<Redemption>.Refused(BenefitRefusal.UnknownCustomer, $"No customer with id '{customerId}' exists.");
        var id = BenefitIds.Redemption(customerId, idempotencyKey!);
        var draft = new Redemption
        {
            Id = id, CustomerId = customerId, IdempotencyKey = idempotencyKey!, ItemId = item.Id, Kind = item.Kind,
            Title = item.Title ?? (item.Template is { } t ? state.Catalog.Template(t)?.Title : null), PointsSpent = item.PointsCost,
            CashCost = item.CashCost, CouponId = item.Kind == CatalogItemKinds.Coupon ? id : null,
            Campaign = item.Kind == CatalogItemKinds.DrawChance ? item.Campaign : null,
            At = Now(), CatalogHash = state.Hash!, Actor = actor,
        };
        var template = item.Template is { } templateId ? state.Catalog.Template(templateId) : null;
        return await store.RedeemAsync(new RedemptionOrder(draft, item, template, audit.Sealer(AuditEvents.Redemption(draft))), cancellation);
    }

    public async Task<BenefitResult<Draw>> DrawAsync(
        string customerId, string? campaignId, string? idempotencyKey, bool payWithPoints, string actor, CancellationToken cancellation = default)
    {
        if (Invalid<Draw>(idempotencyKey, "campaign", campaignId) is { } invalid) return invalid;
        var state = catalog.State;
        if (state.Catalog.Campaign(campaignId!) is not { } campaign)
            return BenefitResult<Draw>.Refused(BenefitRefusal.UnknownCampaign, $"The catalog has no draw campaign '{campaignId}'; list them with GET /api/catalog.");
        if (!Exists(customerId))
            return BenefitResult<Draw>.Refused(BenefitRefusal.UnknownCustomer, $"No customer with id '{customerId}' exists.");
        var order = new DrawOrder(BenefitIds.Draw(customerId, idempotencyKey!), customerId, idempotencyKey!,
            secret.Roll(campaign.Id, customerId, idempotencyKey!), payWithPoints, campaign, state.Catalog, state.Hash!, Now(), actor,
            draw => audit.Sealer(AuditEvents.Draw(draw)));
        return await store.DrawAsync(order, cancellation);
    }

    /// <summary>The member's benefits now, or null for an unknown customer.</summary>
    public CustomerBenefits? For(string customerId)
    {
        if (customers.Find(customerId) is null) return null;
        var now = Now();
        var current = catalog.Current;
        var used = events.ForCustomer(customerId)
            .Where(e => e.Type == EventTypes.CouponUsed && e.Properties.TryGetValue("couponId", out _))
            .GroupBy(e => e.Properties["couponId"]).ToDictionary(g => g.Key, g => g.Min(e => e.At));
        var coupons = store.CouponsFor(customerId).Select(c =>
            used.TryGetValue(c.Id, out var usedAt) ? new CouponState(c, "used", usedAt)
            : c.ExpiresAt <= now ? new CouponState(c, "expired", null)
            : new CouponState(c, "active", null)).ToList();
        var held = store.ChancesFor(customerId).GroupBy(c => c.Campaign).ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Delta));
        var chances = current.Campaigns.ToDictionary(c => c.Id, c => c.FreeChances + held.GetValueOrDefault(c.Id));
        foreach (var (campaign, n) in held) chances.TryAdd(campaign, n); // a campaign since removed still shows what is held
        var tier = segments.CurrentFor(customerId).GetValueOrDefault(current.TierSegment);
        return new CustomerBenefits(coupons, chances, tier, tier is null ? null : current.Tiers.GetValueOrDefault(tier));
    }

    BenefitResult<T>? Invalid<T>(string? idempotencyKey, string field, string? value) where T : class
    {
        if (string.IsNullOrWhiteSpace(value)) return BenefitResult<T>.Refused(BenefitRefusal.InvalidRequest, $"'{field}' is required.");
        if (string.IsNullOrWhiteSpace(idempotencyKey))
            return BenefitResult<T>.Refused(BenefitRefusal.InvalidRequest, "'idempotencyKey' is required: a key the caller makes once per request and reuses on retries.");
        if (idempotencyKey.Length > options.Value.MaxIdempotencyKeyLength)
            return BenefitResult<T>.Refused(BenefitRefusal.InvalidRequest, $"'idempotencyKey' is longer than {options.Value.MaxIdempotencyKeyLength} characters.");
        if (catalog.State.Hash is null)
            return BenefitResult<T>.Refused(BenefitRefusal.UnknownItem, "No benefits catalog is in force: write rules/catalog.json (see GET /api/catalog for its state).");
        return null;
    }

    /// <summary>
    /// Customers are never deleted, and the store keeps the ids it has seen in memory: a shop's redemption does not take
    /// a turn at the storage lock (beside the one writer) just to learn that its member exists.
    /// </summary>
    bool Exists(string customerId) => customers.FindMissing([customerId]).Count == 0;

    DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
