using LiteDB;
using RuleEngine.Domain.Outcomes;
using static RuleEngine.Storage.LiteDb.Bson.BsonValues;

namespace RuleEngine.Storage.LiteDb.Bson;

/// <summary>Rule outcomes as documents.</summary>
internal static class OutcomeBson
{
    public static BsonDocument ToBson(OutcomeSource s) => new()
    {
        ["Rule"] = s.Rule, ["RuleVersionHash"] = s.RuleVersionHash, ["RunId"] = s.RunId, ["At"] = s.At,
    };

    public static OutcomeSource ToSource(BsonValue v) => new()
    {
        Rule = v["Rule"].AsString, RuleVersionHash = v["RuleVersionHash"].AsString, RunId = v["RunId"].AsString, At = v["At"].AsDateTime,
    };

    /// <summary>"kind|value|customerId" while open: the key the members index ranges over.</summary>
    public static string OpenKey(string kind, string value, string customerId) => $"{kind}|{value}|{customerId}";

    public static BsonDocument ToBson(SegmentMembership m) => new()
    {
        ["_id"] = m.Id, ["CustomerId"] = m.CustomerId, ["Kind"] = m.Kind, ["Value"] = m.Value,
        ["EnteredAt"] = m.EnteredAt, ["EnteredBy"] = ToBson(m.EnteredBy), ["Explanation"] = m.Explanation,
        ["LeftAt"] = Of(m.LeftAt), ["LeftBy"] = m.LeftBy is null ? BsonValue.Null : ToBson(m.LeftBy),
        ["Open"] = m.LeftAt is null ? OpenKey(m.Kind, m.Value, m.CustomerId) : BsonValue.Null,
    };

    public static SegmentMembership ToMembership(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Kind = d["Kind"].AsString, Value = d["Value"].AsString,
        EnteredAt = d["EnteredAt"].AsDateTime, EnteredBy = ToSource(d["EnteredBy"]), Explanation = d["Explanation"].AsString,
        LeftAt = DateOrNull(d["LeftAt"]), LeftBy = d["LeftBy"].IsNull ? null : ToSource(d["LeftBy"]),
    };

    public static BsonDocument ToBson(Score s) => new()
    {
        ["_id"] = $"{s.CustomerId}|{s.Name}", ["CustomerId"] = s.CustomerId, ["Name"] = s.Name, ["Value"] = s.Value, ["SetBy"] = ToBson(s.SetBy),
        ["Explanation"] = s.Explanation,
    };

    public static Score ToScore(BsonDocument d) => new()
    {
        CustomerId = d["CustomerId"].AsString, Name = d["Name"].AsString, Value = d["Value"].AsDouble, SetBy = ToSource(d["SetBy"]),
        Explanation = d["Explanation"].AsString,
    };

    public static BsonDocument ToBson(ScoreHistoryEntry e) => new()
    {
        ["_id"] = OutcomeKeys.ScoreChange(e),
        ["CustomerId"] = e.CustomerId, ["Name"] = e.Name, ["From"] = e.From is { } from ? from : BsonValue.Null, ["To"] = e.To,
        ["Source"] = ToBson(e.Source), ["Explanation"] = e.Explanation,
    };

    public static ScoreHistoryEntry ToScoreHistory(BsonDocument d) => new()
    {
        CustomerId = d["CustomerId"].AsString, Name = d["Name"].AsString, From = d["From"].IsNull ? null : d["From"].AsDouble,
        To = d["To"].AsDouble, Source = ToSource(d["Source"]), Explanation = d["Explanation"].AsString,
    };

    public static BsonDocument ToBson(CustomerTag t) => new()
    {
        ["_id"] = $"{t.CustomerId}|{t.Tag}", ["CustomerId"] = t.CustomerId, ["Tag"] = t.Tag, ["SetBy"] = ToBson(t.SetBy),
    };

    public static CustomerTag ToTag(BsonDocument d) => new()
    {
        CustomerId = d["CustomerId"].AsString, Tag = d["Tag"].AsString, SetBy = ToSource(d["SetBy"]),
    };

    public static BsonDocument ToBson(PointsEntry p) => new()
    {
        ["_id"] = p.Id, ["CustomerId"] = p.CustomerId, ["Type"] = Of(p.Type), ["Delta"] = p.Delta, ["Reason"] = p.Reason,
        ["Key"] = p.Key, ["Source"] = ToBson(p.Source), ["Explanation"] = p.Explanation,
    };

    public static PointsEntry ToPoints(BsonDocument d) => new()
    {
        Id = d["_id"].AsString, CustomerId = d["CustomerId"].AsString, Type = Enum<PointsEntryType>(d["Type"]),
        Delta = d["Delta"].AsInt64, Reason = d["Reason"].AsString, Key = d["Key"].AsString, Source = ToSource(d["Source"]),
        Explanation = d["Explanation"].AsString,
    };
}
