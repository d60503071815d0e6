using LiteDB;
using RuleEngine.Rules;
using static RuleEngine.Storage.LiteDb.Bson.BsonValues;

namespace RuleEngine.Storage.LiteDb.Bson;

internal static class RuleVersionBson
{
    public static BsonDocument ToBson(RuleVersion v) => new()
    {
        ["_id"] = v.Id, ["Rule"] = v.Rule, ["Hash"] = v.Hash, ["Path"] = v.Path, ["Content"] = v.Content,
        ["LoadedFiles"] = Of(v.LoadedFiles), ["CreatedAt"] = v.CreatedAt, ["Source"] = Of(v.Source), ["Actor"] = v.Actor, ["Good"] = v.Good,
    };

    public static RuleVersion ToVersion(BsonDocument d) => new()
    {
        Rule = d["Rule"].AsString, Hash = d["Hash"].AsString, Path = d["Path"].AsString, Content = d["Content"].AsString,
        LoadedFiles = StringMap(d["LoadedFiles"]), CreatedAt = d["CreatedAt"].AsDateTime, Source = Enum<RuleVersionSource>(d["Source"]),
        Actor = d["Actor"].AsString, Good = d["Good"].AsBoolean,
    };
}
