using LiteDB;
using RuleEngine.Audit;

namespace RuleEngine.Storage.LiteDb.Bson;

/// <summary>
/// An audit entry is keyed by its sequence number; <c>Sequence</c> is also kept as a field of its own so that an
/// entry moved to another position can be told from one that was changed.
/// </summary>
internal static class AuditBson
{
    public static BsonDocument ToBson(AuditEntry e) => new()
    {
        ["_id"] = e.Sequence, ["Sequence"] = e.Sequence, ["At"] = e.At, ["Type"] = e.Type, ["Actor"] = e.Actor,
        ["Rule"] = e.Rule, ["Subject"] = e.Subject, ["Summary"] = e.Summary, ["Details"] = e.Details,
        ["PreviousHash"] = e.PreviousHash, ["Hash"] = e.Hash,
    };

    public static AuditEntry ToEntry(BsonDocument d) => new()
    {
        Sequence = d["Sequence"].AsInt64, At = d["At"].AsDateTime, Type = d["Type"].AsString, Actor = d["Actor"].AsString,
        Rule = StringOrNull(d["Rule"]), Subject = StringOrNull(d["Subject"]), Summary = d["Summary"].AsString,
        Details = d["Details"].AsString, PreviousHash = d["PreviousHash"].AsString, Hash = d["Hash"].AsString,
    };

    public static long Position(BsonDocument d) => d["_id"].AsInt64;

    static string? StringOrNull(BsonValue value) => value.IsNull ? null : value.AsString;
}
