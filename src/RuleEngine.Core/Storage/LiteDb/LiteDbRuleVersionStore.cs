using LiteDB;
using RuleEngine.Rules;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

public sealed class LiteDbRuleVersionStore(LiteDatabase database, LiteDbWriter writer) : IRuleVersionStore
{
    private ILiteCollection<BsonDocument> Versions => database.GetCollection(LiteDbCollections.RuleVersions);

    public Task SaveAsync(RuleVersion version, CancellationToken cancellationToken = default)
    {
        var document = RuleVersionBson.ToBson(version);
        // Insert-if-missing: a version is immutable once saved, whoever saves it again.
        return writer.WriteAsync(db => db.GetCollection(LiteDbCollections.RuleVersions).InsertIfMissing(document), cancellationToken);
    }

    public IReadOnlyList<RuleVersion> ListVersions(string rule) =>
        Versions.Find(LiteDbQuery.Equal("Rule", rule)).Select(RuleVersionBson.ToVersion)
            .OrderByDescending(v => v.CreatedAt).ToList();

    public RuleVersion? FindVersion(string rule, string hash) =>
        Versions.FindById($"{rule}@{hash}") is { } document ? RuleVersionBson.ToVersion(document) : null;

    public IReadOnlyList<RuleVersion> LatestGoodVersions() =>
        Versions.Find(Query.EQ("Good", true)).Select(RuleVersionBson.ToVersion)
            .GroupBy(v => v.Rule, StringComparer.Ordinal)
            .Select(g => g.MaxBy(v => v.CreatedAt)!)
            .OrderBy(v => v.Rule, StringComparer.Ordinal).ToList();
}
