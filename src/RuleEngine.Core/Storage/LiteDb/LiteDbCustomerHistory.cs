using LiteDB;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// A customer's history from six reads on their CustomerId indexes (segment stays, score changes, points entries,
/// tasks, coupons, draw chances), merged by time. Each read is one customer's documents, so the cost follows that
/// customer's activity, not the size of the store.
/// </summary>
public sealed class LiteDbCustomerHistory(LiteDatabase database) : ICustomerHistory
{
    public IReadOnlyList<HistoryEntry> For(string customerId, DateTime? from, DateTime? to) => CustomerHistoryMerge.Merge(new CustomerRecords(
        ByCustomer(LiteDbCollections.Segments, customerId).Select(OutcomeBson.ToMembership),
        ByCustomer(LiteDbCollections.ScoreHistory, customerId).Select(OutcomeBson.ToScoreHistory),
        ByCustomer(LiteDbCollections.Points, customerId).Select(OutcomeBson.ToPoints),
        ByCustomer(LiteDbCollections.FollowUps, customerId).Select(FollowUpBson.ToTask),
        ByCustomer(LiteDbCollections.Coupons, customerId).Select(BenefitBson.ToCoupon),
        ByCustomer(LiteDbCollections.DrawChances, customerId).Select(BenefitBson.ToChance)), from, to);

    IEnumerable<BsonDocument> ByCustomer(string collection, string customerId) =>
        database.GetCollection(collection).Find(LiteDbQuery.Equal("CustomerId", customerId));
}
