namespace RuleEngine.Domain.Outcomes;

/// <summary>
/// A coupon a member holds: <see cref="Value"/> CNY off an order of at least <see cref="Threshold"/>, until
/// <see cref="ExpiresAt"/>. <see cref="Id"/> derives from who issued it and why (rule + customer + reason key, or the
/// redemption or draw), so it is issued once. Whether it was used is read from the customer's <c>coupon_used</c>
/// events (<c>properties.couponId</c>), so the shop reports use the way it reports everything else.
/// </summary>
public sealed record Coupon
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Template { get; init; }
    public required string Title { get; init; }
    public required decimal Value { get; init; }
    public required decimal Threshold { get; init; }
    public required DateTime IssuedAt { get; init; }
    public required DateTime ExpiresAt { get; init; }
    /// <summary>The reason key: a rule's key, or <c>redeem:&lt;idempotencyKey&gt;</c> / <c>draw:&lt;idempotencyKey&gt;</c>.</summary>
    public required string Key { get; init; }
    /// <summary><c>rule</c>, <c>redemption</c> or <c>draw</c>.</summary>
    public required string Origin { get; init; }
    /// <summary>For a rule: its run and version; for a redemption or draw: <c>benefits:redemption</c>/<c>benefits:draw</c>, the catalog version and the redemption or draw id.</summary>
    public required OutcomeSource Source { get; init; }
    public string? Explanation { get; init; }
}

/// <summary>
/// One line of a customer's draw-chance ledger for a campaign: +1 granted by a rule or bought, -1 spent on a draw.
/// The chances left are the campaign's free chances plus the sum of <see cref="Delta"/>.
/// </summary>
public sealed record DrawChanceEntry
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Campaign { get; init; }
    public required int Delta { get; init; }
    public required string Key { get; init; }
    public required OutcomeSource Source { get; init; }
    public string? Explanation { get; init; }
}

/// <summary>A rule's request to issue a coupon of a template (resolved from the catalog when the batch is built); once per key.</summary>
public sealed record CouponGrant(
    string CustomerId, string Template, string Title, decimal Value, decimal Threshold, int ValidDays, string Key, string? Explanation = null);

/// <summary>A rule's request to give one draw chance in <paramref name="Campaign"/>; once per key.</summary>
public sealed record DrawChanceGrant(string CustomerId, string Campaign, string Key, string? Explanation = null);
