using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

public sealed class LiteDbScoreStore(LiteDatabase database) : IScoreStore
{
    public IReadOnlyList<Score> ScoresFor(string customerId) =>
        database.GetCollection(LiteDbCollections.Scores).Find(LiteDbQuery.Equal("CustomerId", customerId))
            .Select(OutcomeBson.ToScore).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<CustomerTag> TagsFor(string customerId) =>
        database.GetCollection(LiteDbCollections.Tags).Find(LiteDbQuery.Equal("CustomerId", customerId))
            .Select(OutcomeBson.ToTag).OrderBy(t => t.Tag, StringComparer.Ordinal).ToList();

    public IReadOnlyList<Score> ScoresFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : database.GetCollection(LiteDbCollections.Scores).Find(LiteDbQuery.In("CustomerId", customerIds))
            .Select(OutcomeBson.ToScore).ToList();

    public IReadOnlyList<CustomerTag> TagsFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : database.GetCollection(LiteDbCollections.Tags).Find(LiteDbQuery.In("CustomerId", customerIds))
            .Select(OutcomeBson.ToTag).ToList();
}

public sealed class LiteDbPointsLedger(LiteDatabase database) : IPointsLedger
{
    public IReadOnlyList<PointsEntry> EntriesFor(string customerId) =>
        database.GetCollection(LiteDbCollections.Points).Find(LiteDbQuery.Equal("CustomerId", customerId))
            .Select(OutcomeBson.ToPoints).OrderBy(p => p.Source.At).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<PointsEntry> EntriesFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : database.GetCollection(LiteDbCollections.Points).Find(LiteDbQuery.In("CustomerId", customerIds))
            .Select(OutcomeBson.ToPoints).ToList();

    public long BalanceOf(string customerId) =>
        database.GetCollection(LiteDbCollections.Points).Find(LiteDbQuery.Equal("CustomerId", customerId)).Sum(d => d["Delta"].AsInt64);
}
