using LiteDB;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Benefits on the LiteDB file. A redemption or draw is one work item on the writer thread: its checks read inside
/// the same transaction as its writes, and the writer runs one work item at a time, so two requests can never both
/// see the last 100 points or the last prize. Work items queued together share one commit, which is what allows
/// thousands per second.
/// </summary>
public sealed class LiteDbBenefitStore(LiteDatabase database, LiteDbWriter writer) : IBenefitStore
{
    public IReadOnlyList<Coupon> CouponsFor(string customerId) =>
        ByCustomer(LiteDbCollections.Coupons, customerId).Select(BenefitBson.ToCoupon).OrderBy(c => c.IssuedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<DrawChanceEntry> ChancesFor(string customerId) =>
        ByCustomer(LiteDbCollections.DrawChances, customerId).Select(BenefitBson.ToChance).OrderBy(c => c.Source.At).ToList();

    public IReadOnlyList<Redemption> RedemptionsFor(string customerId) =>
        ByCustomer(LiteDbCollections.Redemptions, customerId).Select(BenefitBson.ToRedemption).OrderBy(r => r.At).ToList();

    public IReadOnlyList<Draw> DrawsFor(string customerId) =>
        ByCustomer(LiteDbCollections.Draws, customerId).Select(BenefitBson.ToDraw).OrderBy(d => d.At).ToList();

    public long Issued(string stockKey) => LiteDbBenefitWrites.Issued(database, stockKey);

    public Task<BenefitResult<Redemption>> RedeemAsync(RedemptionOrder order, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(db => LiteDbBenefitWrites.Redeem(db, order), cancellationToken);

    public Task<BenefitResult<Draw>> DrawAsync(DrawOrder order, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(db => LiteDbBenefitWrites.Draw(db, order), cancellationToken);

    IEnumerable<BsonDocument> ByCustomer(string collection, string customerId) =>
        database.GetCollection(collection).Find(LiteDbQuery.Equal("CustomerId", customerId));
}

public sealed class LiteDbCatalogVersionStore(LiteDatabase database, LiteDbWriter writer) : ICatalogVersionStore
{
    public Task SaveAsync(CatalogVersion version, CancellationToken cancellationToken = default)
    {
        var document = BenefitBson.ToBson(version);
        return writer.WriteAsync(db => db.GetCollection(LiteDbCollections.CatalogVersions).InsertIfMissing(document), cancellationToken);
    }

    public IReadOnlyList<CatalogVersion> List() =>
        database.GetCollection(LiteDbCollections.CatalogVersions).FindAll().Select(BenefitBson.ToCatalogVersion)
            .OrderByDescending(v => v.CreatedAt).ToList();
}
