using RuleEngine.Benefits.Catalog;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Benefits;

/// <summary>What a shop needs at the till: the member's coupons with their state, draw chances left and tier entitlements.</summary>
public sealed record CustomerBenefits(
    IReadOnlyList<CouponState> Coupons, IReadOnlyDictionary<string, long> DrawChances, string? Tier, TierEntitlements? Entitlements);

/// <summary>A coupon and its state now: <c>active</c>, <c>used</c> (a <c>coupon_used</c> event names it) or <c>expired</c>.</summary>
public sealed record CouponState(Coupon Coupon, string Status, DateTime? UsedAt);
