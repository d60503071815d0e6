namespace RuleEngine.Benefits.Draws;

/// <summary>
/// One draw of a campaign: its identity (campaign, customer, idempotency key), the number drawn from it with the
/// server's secret (<see cref="Roll"/>), the prize that number picks (<see cref="DrawnPrize"/>) and the prize given
/// (<see cref="Prize"/>: the same, or the campaign's fallback when the drawn prize was out of stock).
/// </summary>
public sealed record Draw
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Campaign { get; init; }
    public required string IdempotencyKey { get; init; }
    /// <summary>Uniform in [0, 1): HMAC-SHA256(secret, campaign, customer, key), see <see cref="DrawRoll"/>.</summary>
    public required double Roll { get; init; }
    public required string DrawnPrize { get; init; }
    public required string Prize { get; init; }
    public required string PrizeTitle { get; init; }
    /// <summary>True when <see cref="DrawnPrize"/> was out of stock and the fallback prize was given.</summary>
    public bool FellBack { get; init; }
    /// <summary><c>chance</c> (a free or granted chance was spent) or <c>points</c>.</summary>
    public required string PaidWith { get; init; }
    public long PointsSpent { get; init; }
    public long? PointsWon { get; init; }
    public string? CouponId { get; init; }
    public required DateTime At { get; init; }
    public required string CatalogHash { get; init; }
    public required string Actor { get; init; }
}
