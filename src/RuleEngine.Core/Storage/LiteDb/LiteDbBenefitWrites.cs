using LiteDB;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Redemptions and draws (<see cref="BenefitPlan"/>) on the writer thread, inside its transaction: every read here sees
/// every write committed or made before it in the same transaction, and nothing runs in between.
/// </summary>
internal static class LiteDbBenefitWrites
{
    public static BenefitResult<Redemption> Redeem(LiteDatabase db, RedemptionOrder order)
    {
        var (result, writes) = BenefitPlan.Redeem(new LiteDbBenefitState(db), order);
        LiteDbOutcomeWrites.Execute(db, writes);
        return result;
    }

    public static BenefitResult<Draw> Draw(LiteDatabase db, DrawOrder order)
    {
        var (result, writes) = BenefitPlan.Draw(new LiteDbBenefitState(db), order);
        LiteDbOutcomeWrites.Execute(db, writes);
        return result;
    }

    public static long Issued(LiteDatabase db, string stockKey) =>
        LiteDbOutcomeWrites.Tally(db, LiteDbCollections.BenefitStock, stockKey) is { } d ? d["Issued"].AsInt64 : 0;

    sealed class LiteDbBenefitState(LiteDatabase db) : IBenefitState
    {
        public Redemption? Redemption(string id) =>
            db.GetCollection(LiteDbCollections.Redemptions).FindById(id) is { } d ? BenefitBson.ToRedemption(d) : null;

        public Draw? Draw(string id) => db.GetCollection(LiteDbCollections.Draws).FindById(id) is { } d ? BenefitBson.ToDraw(d) : null;

        public long Balance(string customerId) =>
            LiteDbWriterKept.Of(db).Balances.Get(customerId, () => new LiteDbPointsLedger(db).BalanceOf(customerId));

        public long ChancesHeld(string customerId, string campaign) =>
            db.GetCollection(LiteDbCollections.DrawChances).Find(LiteDbQuery.Equal("CustomerId", customerId))
                .Where(d => d["Campaign"].AsString == campaign).Sum(d => (long)d["Delta"].AsInt32);

        public long Issued(string stockKey) => LiteDbBenefitWrites.Issued(db, stockKey);
    }
}
