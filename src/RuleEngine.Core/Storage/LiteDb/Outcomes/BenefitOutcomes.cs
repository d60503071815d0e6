using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>Coupons and draw chances rules grant: inserted once under the id of rule, customer and reason key, like points.</summary>
internal static class BenefitOutcomes
{
    public static bool Plan(StagedDocuments documents, CouponGrant grant, OutcomeSource source) =>
        documents.InsertIfMissing(LiteDbCollections.Coupons, BenefitBson.ToBson(new Coupon
        {
            Id = OutcomeKeys.For(source.Rule, grant.CustomerId, grant.Key), CustomerId = grant.CustomerId, Template = grant.Template,
            Title = grant.Title, Value = grant.Value, Threshold = grant.Threshold, IssuedAt = source.At,
            ExpiresAt = source.At.AddDays(grant.ValidDays), Key = grant.Key, Origin = "rule", Source = source, Explanation = grant.Explanation,
        }));

    public static bool Plan(StagedDocuments documents, DrawChanceGrant grant, OutcomeSource source) =>
        documents.InsertIfMissing(LiteDbCollections.DrawChances, BenefitBson.ToBson(new DrawChanceEntry
        {
            Id = OutcomeKeys.For(source.Rule, grant.CustomerId, grant.Key), CustomerId = grant.CustomerId, Campaign = grant.Campaign,
            Delta = 1, Key = grant.Key, Source = source, Explanation = grant.Explanation,
        }));
}
