using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>What an outcome plan asks of the file, answered by id lookups (in-process, so one per question is cheap).</summary>
internal sealed class LiteDbOutcomeState(LiteDatabase database) : IOutcomeState
{
    public IReadOnlyList<SegmentMembership> OpenStays(string customerId) =>
        database.GetCollection(LiteDbCollections.Segments).Find(LiteDbQuery.Equal("CustomerId", customerId))
            .Select(OutcomeBson.ToMembership).Where(m => m.LeftAt is null).ToList();

    public Score? Score(string customerId, string name) =>
        Find(LiteDbCollections.Scores, $"{customerId}|{name}") is { } d ? OutcomeBson.ToScore(d) : null;

    public bool HasTag(string customerId, string tag) => Find(LiteDbCollections.Tags, $"{customerId}|{tag}") is not null;

    public bool HasPoints(string id) => Find(LiteDbCollections.Points, id) is not null;

    public FollowUpTask? Task(string id) => Find(LiteDbCollections.FollowUps, id) is { } d ? FollowUpBson.ToTask(d) : null;

    public bool HasCoupon(string id) => Find(LiteDbCollections.Coupons, id) is not null;

    public bool HasDrawChance(string id) => Find(LiteDbCollections.DrawChances, id) is not null;

    BsonDocument? Find(string collection, string id) => database.GetCollection(collection).FindById(id);
}
