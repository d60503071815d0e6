using LiteDB;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.LiteDb.Bson;

/// <summary>Coupons, draw chances, redemptions, draws and catalog versions as documents.</summary>
internal static class BenefitBson
{
    public static BsonDocument ToBson(Coupon c) => new()
    {
        ["_id"] = c.Id, ["CustomerId"] = c.CustomerId, ["Template"] = c.Template, ["Title"] = c.Title, ["Value"] = c.Value,
        ["Threshold"] = c.Threshold, ["IssuedAt"] = c.IssuedAt, ["ExpiresAt"] = c.ExpiresAt, ["Key"] = c.Key, ["Origin"] = c.Origin,
        ["Source"] = OutcomeBson.ToBson(c.Source), ["Explanation"] = c.Explanation,
    };

    public static Coupon ToCoupon(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Template = d["Template"].AsString, Title = d["Title"].AsString,
        Value = d["Value"].AsDecimal, Threshold = d["Threshold"].AsDecimal, IssuedAt = d["IssuedAt"].AsDateTime,
        ExpiresAt = d["ExpiresAt"].AsDateTime, Key = d["Key"].AsString, Origin = d["Origin"].AsString,
        Source = OutcomeBson.ToSource(d["Source"]), Explanation = d["Explanation"].AsString,
    };

    public static BsonDocument ToBson(DrawChanceEntry e) => new()
    {
        ["_id"] = e.Id, ["CustomerId"] = e.CustomerId, ["Campaign"] = e.Campaign, ["Delta"] = e.Delta, ["Key"] = e.Key,
        ["Source"] = OutcomeBson.ToBson(e.Source), ["Explanation"] = e.Explanation,
    };

    public static DrawChanceEntry ToChance(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Campaign = d["Campaign"].AsString, Delta = d["Delta"].AsInt32,
        Key = d["Key"].AsString, Source = OutcomeBson.ToSource(d["Source"]), Explanation = d["Explanation"].AsString,
    };

    public static BsonDocument ToBson(Redemption r) => new()
    {
        ["_id"] = r.Id, ["CustomerId"] = r.CustomerId, ["IdempotencyKey"] = r.IdempotencyKey, ["ItemId"] = r.ItemId, ["Kind"] = r.Kind,
        ["Title"] = r.Title, ["PointsSpent"] = r.PointsSpent, ["CashCost"] = r.CashCost.HasValue ? new BsonValue(r.CashCost.Value) : BsonValue.Null,
        ["CouponId"] = r.CouponId, ["Campaign"] = r.Campaign, ["At"] = r.At, ["CatalogHash"] = r.CatalogHash, ["Actor"] = r.Actor,
    };

    public static Redemption ToRedemption(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, IdempotencyKey = d["IdempotencyKey"].AsString,
        ItemId = d["ItemId"].AsString, Kind = d["Kind"].AsString, Title = d["Title"].AsString, PointsSpent = d["PointsSpent"].AsInt64,
        CashCost = d["CashCost"].IsNull ? null : d["CashCost"].AsDecimal, CouponId = d["CouponId"].AsString, Campaign = d["Campaign"].AsString,
        At = d["At"].AsDateTime, CatalogHash = d["CatalogHash"].AsString, Actor = d["Actor"].AsString,
    };

    public static BsonDocument ToBson(Draw w) => new()
    {
        ["_id"] = w.Id, ["CustomerId"] = w.CustomerId, ["Campaign"] = w.Campaign, ["IdempotencyKey"] = w.IdempotencyKey, ["Roll"] = w.Roll,
        ["DrawnPrize"] = w.DrawnPrize, ["Prize"] = w.Prize, ["PrizeTitle"] = w.PrizeTitle, ["FellBack"] = w.FellBack, ["PaidWith"] = w.PaidWith,
        ["PointsSpent"] = w.PointsSpent, ["PointsWon"] = w.PointsWon.HasValue ? new BsonValue(w.PointsWon.Value) : BsonValue.Null,
        ["CouponId"] = w.CouponId, ["At"] = w.At, ["CatalogHash"] = w.CatalogHash, ["Actor"] = w.Actor,
    };

    public static Draw ToDraw(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Campaign = d["Campaign"].AsString,
        IdempotencyKey = d["IdempotencyKey"].AsString, Roll = d["Roll"].AsDouble, DrawnPrize = d["DrawnPrize"].AsString,
        Prize = d["Prize"].AsString, PrizeTitle = d["PrizeTitle"].AsString, FellBack = d["FellBack"].AsBoolean, PaidWith = d["PaidWith"].AsString,
        PointsSpent = d["PointsSpent"].AsInt64, PointsWon = d["PointsWon"].IsNull ? null : d["PointsWon"].AsInt64,
        CouponId = d["CouponId"].AsString, At = d["At"].AsDateTime, CatalogHash = d["CatalogHash"].AsString, Actor = d["Actor"].AsString,
    };

    public static BsonDocument ToBson(CatalogVersion v) => new()
    {
        ["_id"] = v.Hash, ["Content"] = v.Content, ["CreatedAt"] = v.CreatedAt, ["Source"] = v.Source, ["Actor"] = v.Actor, ["Good"] = v.Good,
    };

    public static CatalogVersion ToCatalogVersion(BsonDocument d) => new()
    {
        Hash = d["_id"].AsString, Content = d["Content"].AsString, CreatedAt = d["CreatedAt"].AsDateTime, Source = d["Source"].AsString,
        Actor = d["Actor"].AsString, Good = d["Good"].AsBoolean,
    };
}
