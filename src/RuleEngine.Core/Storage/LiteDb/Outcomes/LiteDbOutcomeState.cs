using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// What an outcome plan can ask about a batch, read up front with one query per collection (the batch's deterministic
/// ids, its customers' stays), as <c>PostgresOutcomeState</c> does. A lookup per question cost a whole LiteDB query each
/// (expression, reader, snapshot): answering purchase-points' "is this entry there?" took 18% of the writer's time
/// under steady ingest (docs/performance.md, "Event triggers").
/// </summary>
internal sealed class LiteDbOutcomeState : IOutcomeState
{
    /// <summary>Values per IN query: LiteDB's IN is one index search per value either way; this keeps each parameter small.</summary>
    const int IdsPerQuery = 1_000;

    readonly ILookup<string, SegmentMembership> _openStays;
    readonly Dictionary<string, Score> _scores;
    readonly HashSet<string> _tags, _points, _coupons, _chances;
    readonly Dictionary<string, FollowUpTask> _tasks;

    public LiteDbOutcomeState(LiteDatabase database, OutcomeBatch batch)
    {
        var rule = batch.Source.Rule;
        string Id(string customerId, string key) => OutcomeKeys.For(rule, customerId, key);
        _openStays = Read(database, LiteDbCollections.Segments, "CustomerId", batch.Segments.Select(s => s.CustomerId))
            .Select(OutcomeBson.ToMembership).Where(m => m.LeftAt is null).ToLookup(m => m.CustomerId, StringComparer.Ordinal);
        _scores = Read(database, LiteDbCollections.Scores, "_id", batch.Scores.Select(s => ScoreId(s.CustomerId, s.Name)))
            .ToDictionary(d => d["_id"].AsString, OutcomeBson.ToScore, StringComparer.Ordinal);
        _tags = Ids(database, LiteDbCollections.Tags, batch.Tags.Select(t => ScoreId(t.CustomerId, t.Tag)));
        _points = PointsIds(database, batch.Points.Select(p => Id(p.CustomerId, p.Key)));
        _coupons = Ids(database, LiteDbCollections.Coupons, batch.Coupons.Select(c => Id(c.CustomerId, c.Key)));
        _chances = Ids(database, LiteDbCollections.DrawChances, batch.DrawChances.Select(d => Id(d.CustomerId, d.Key)));
        _tasks = Read(database, LiteDbCollections.FollowUps, "_id",
                batch.FollowUps.Select(f => Id(f.CustomerId, f.Key)).Concat(batch.Cancellations.Select(c => Id(c.CustomerId, c.Key))))
            .Select(FollowUpBson.ToTask).ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<SegmentMembership> OpenStays(string customerId) => _openStays[customerId].ToList();

    public Score? Score(string customerId, string name) => _scores.GetValueOrDefault(ScoreId(customerId, name));

    public bool HasTag(string customerId, string tag) => _tags.Contains(ScoreId(customerId, tag));

    public bool HasPoints(string id) => _points.Contains(id);

    public FollowUpTask? Task(string id) => _tasks.GetValueOrDefault(id);

    public bool HasCoupon(string id) => _coupons.Contains(id);

    public bool HasDrawChance(string id) => _chances.Contains(id);

    // Scores and tags are stored under "customer|name".
    static string ScoreId(string customerId, string name) => $"{customerId}|{name}";

    /// <summary>Points entries are never deleted: the writer asks the file only about ids it does not know are stored.</summary>
    static HashSet<string> PointsIds(LiteDatabase database, IEnumerable<string> ids)
    {
        var kept = LiteDbWriterKept.Of(database).StoredPoints;
        var (known, unknown) = (new HashSet<string>(StringComparer.Ordinal), new List<string>());
        foreach (var id in ids) (kept.IsKnown(id) ? (ICollection<string>)known : unknown).Add(id);
        var found = Ids(database, LiteDbCollections.Points, unknown);
        kept.Stored(found);
        known.UnionWith(found);
        return known;
    }

    static HashSet<string> Ids(LiteDatabase database, string collection, IEnumerable<string> ids)
    {
        var documents = database.GetCollection(collection);
        return ids.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery)
            .SelectMany(chunk => LiteDbQuery.StoredIds(documents, chunk).ToList())
            .Select(d => d["_id"].AsString).ToHashSet(StringComparer.Ordinal);
    }

    static IEnumerable<BsonDocument> Read(LiteDatabase database, string collection, string field, IEnumerable<string> values)
    {
        var wanted = values.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return [];
        var documents = database.GetCollection(collection);
        return wanted.Chunk(IdsPerQuery).SelectMany(chunk => documents.Find(LiteDbQuery.In(field, chunk)).ToList()).ToList();
    }
}
