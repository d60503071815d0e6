namespace RuleEngine.Benefits.Redemptions;

/// <summary>
/// Points a member spent on a catalog item, and what was issued for them. <see cref="Id"/> derives from the customer
/// and the caller's idempotency key, so a retry finds the redemption it already made.
/// </summary>
public sealed record Redemption
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string IdempotencyKey { get; init; }
    public required string ItemId { get; init; }
    public required string Kind { get; init; }
    public string? Title { get; init; }
    public required long PointsSpent { get; init; }
    /// <summary>The cash part of a points + cash item, which the shop collects.</summary>
    public decimal? CashCost { get; init; }
    /// <summary>The coupon issued, for a coupon item.</summary>
    public string? CouponId { get; init; }
    /// <summary>The campaign given a chance, for a draw-chance item.</summary>
    public string? Campaign { get; init; }
    public required DateTime At { get; init; }
    /// <summary>The catalog version the item was redeemed under.</summary>
    public required string CatalogHash { get; init; }
    public required string Actor { get; init; }
}
