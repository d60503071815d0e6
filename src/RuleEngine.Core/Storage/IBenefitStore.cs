using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage;

/// <summary>
/// Coupons, draw chances, redemptions and draws. <see cref="RedeemAsync"/> and <see cref="DrawAsync"/> each check
/// (idempotency key, balance, chances, stock) and write in one transaction that no other write can interleave with,
/// so concurrent requests can never overdraw a balance or oversell a stock.
/// </summary>
public interface IBenefitStore
{
    IReadOnlyList<Coupon> CouponsFor(string customerId);

    IReadOnlyList<DrawChanceEntry> ChancesFor(string customerId);

    IReadOnlyList<Redemption> RedemptionsFor(string customerId);

    IReadOnlyList<Draw> DrawsFor(string customerId);

    /// <summary>How many were issued against a stock (<see cref="StockKeys"/>).</summary>
    long Issued(string stockKey);

    Task<BenefitResult<Redemption>> RedeemAsync(RedemptionOrder order, CancellationToken cancellationToken = default);

    Task<BenefitResult<Draw>> DrawAsync(DrawOrder order, CancellationToken cancellationToken = default);
}

/// <summary>Every version of the benefits catalog, kept like rule versions for audit.</summary>
public interface ICatalogVersionStore
{
    /// <summary>Saves a version; the same hash again changes nothing.</summary>
    Task SaveAsync(CatalogVersion version, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    IReadOnlyList<CatalogVersion> List();
}
