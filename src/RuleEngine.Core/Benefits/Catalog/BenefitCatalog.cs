namespace RuleEngine.Benefits.Catalog;

/// <summary>
/// What members can get and spend points on, as written in <c>rules/catalog.json</c> (see docs/writing-rules.md,
/// "The benefits catalog"): coupon templates rules grant and items issue, redeemable items, draw campaigns and the
/// entitlements of each tier. Immutable: a new file is a new catalog, swapped in whole once it validates.
/// </summary>
public sealed record BenefitCatalog
{
    public static BenefitCatalog Empty { get; } = new();

    public IReadOnlyList<CouponTemplate> CouponTemplates { get; init; } = [];
    public IReadOnlyList<CatalogItem> Items { get; init; } = [];
    public IReadOnlyList<DrawCampaign> Campaigns { get; init; } = [];
    /// <summary>The segment kind whose value names a customer's tier (the membership-tier rule's <c>tier</c>).</summary>
    public string TierSegment { get; init; } = "tier";
    /// <summary>Entitlements by tier value; a tier not named has none.</summary>
    public IReadOnlyDictionary<string, TierEntitlements> Tiers { get; init; } = new Dictionary<string, TierEntitlements>();

    public CouponTemplate? Template(string id) => CouponTemplates.FirstOrDefault(t => t.Id == id);

    public CatalogItem? Item(string id) => Items.FirstOrDefault(i => i.Id == id);

    public DrawCampaign? Campaign(string id) => Campaigns.FirstOrDefault(c => c.Id == id);
}

/// <summary>A kind of coupon: <see cref="Value"/> CNY off an order of at least <see cref="Threshold"/> (0: no threshold), valid <see cref="ValidDays"/> days.</summary>
public sealed record CouponTemplate
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public decimal Value { get; init; }
    public decimal Threshold { get; init; }
    public int ValidDays { get; init; }
}

/// <summary>Something a member redeems points (and perhaps cash) for: a coupon, a gift or a draw chance.</summary>
public sealed record CatalogItem
{
    public required string Id { get; init; }
    /// <summary><c>coupon</c>, <c>gift</c> or <c>draw-chance</c>.</summary>
    public required string Kind { get; init; }
    public string? Title { get; init; }
    public long PointsCost { get; init; }
    /// <summary>Paid at the shop's till beside the points (points + cash items); the server records it, the shop collects it.</summary>
    public decimal? CashCost { get; init; }
    /// <summary>How many can ever be issued; null: unlimited.</summary>
    public long? Stock { get; init; }
    /// <summary>For <c>coupon</c>: the template issued.</summary>
    public string? Template { get; init; }
    /// <summary>For <c>draw-chance</c>: the campaign the chance is for.</summary>
    public string? Campaign { get; init; }
}

public static class CatalogItemKinds
{
    public const string Coupon = "coupon";
    public const string Gift = "gift";
    public const string DrawChance = "draw-chance";
    public static readonly IReadOnlyList<string> All = [Coupon, Gift, DrawChance];
}

/// <summary>
/// A lottery: every member has <see cref="FreeChances"/>, rules grant more, and a chance can be bought for
/// <see cref="PointsPerChance"/> points. Prize odds sum to 1; a prize out of stock gives <see cref="FallbackPrize"/>.
/// </summary>
public sealed record DrawCampaign
{
    public required string Id { get; init; }
    public string? Title { get; init; }
    public int FreeChances { get; init; }
    /// <summary>Points a chance costs when paying with points; null: chances cannot be bought.</summary>
    public long? PointsPerChance { get; init; }
    public required IReadOnlyList<DrawPrize> Prizes { get; init; }
    /// <summary>The prize given when the drawn one is out of stock (a consolation or "thanks for playing"); it has no stock limit.</summary>
    public required string FallbackPrize { get; init; }

    public DrawPrize Prize(string id) => Prizes.First(p => p.Id == id);
}

/// <summary>One prize of a campaign: a coupon from a template, points, a gift, or nothing ("thanks for playing").</summary>
public sealed record DrawPrize
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>Probability of drawing it, 0 to 1; a campaign's odds sum to 1.</summary>
    public double Odds { get; init; }
    public long? Stock { get; init; }
    /// <summary>The coupon template issued when won.</summary>
    public string? Coupon { get; init; }
    /// <summary>Points credited when won.</summary>
    public long? Points { get; init; }
}

/// <summary>What a tier entitles a member to at the shop; the shop reads it from <c>GET /api/customers/{id}/benefits</c>.</summary>
public sealed record TierEntitlements
{
    /// <summary>Percent off every order (5 = 95折).</summary>
    public decimal? DiscountPercent { get; init; }
    public bool? FreeShipping { get; init; }
    /// <summary>Purchase points multiplier the tier earns (informational; the purchase-points rule applies it).</summary>
    public decimal? PointsMultiplier { get; init; }
    /// <summary>Other benefits in words ("priority customer service").</summary>
    public IReadOnlyList<string> Perks { get; init; } = [];
}
