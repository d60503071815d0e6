using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Applies a rule's outcome batch in one transaction on the writer thread. Every part compares with what is
/// stored and writes only differences, and new points and tasks use deterministic ids, so a repeat is a no-op.
/// </summary>
public sealed class LiteDbOutcomeWriter(LiteDbWriter writer) : IOutcomeWriter
{
    public Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default)
    {
        foreach (var assignment in batch.Segments) SegmentOutcomes.Validate(assignment);
        return writer.WriteAsync(db => Apply(db, batch), cancellationToken);
    }

    private static OutcomeCounts Apply(LiteDatabase db, OutcomeBatch batch)
    {
        var source = batch.Source;
        var segments = batch.Segments.Count(a => SegmentOutcomes.Apply(db, a, source));
        var scores = batch.Scores.Count(s => ApplyScore(db, s, source));
        var tags = batch.Tags.Count(t => ApplyTag(db, t, source));
        var points = batch.Points.Where(p => ApplyPoints(db, p, source)).ToList();
        var created = batch.FollowUps.Count(f => FollowUpOutcomes.Create(db, f, source));
        var cancelled = batch.Cancellations.Count(c => FollowUpOutcomes.Cancel(db, c, source));
        return new OutcomeCounts
        {
            SegmentChanges = segments, ScoreChanges = scores, TagChanges = tags,
            PointsEntries = points.Count, PointsAwarded = points.Where(p => p.Delta > 0).Sum(p => p.Delta),
            TasksCreated = created, TasksCancelled = cancelled,
        };
    }

    private static bool ApplyScore(LiteDatabase db, ScoreChange change, OutcomeSource source)
    {
        var scores = db.GetCollection(LiteDbCollections.Scores);
        var existing = scores.FindById($"{change.CustomerId}|{change.Name}");
        if (existing is not null && existing["Value"].AsDouble.Equals(change.Value)) return false;
        scores.Upsert(OutcomeBson.ToBson(new Score { CustomerId = change.CustomerId, Name = change.Name, Value = change.Value, SetBy = source }));
        return true;
    }

    private static bool ApplyTag(LiteDatabase db, TagChange change, OutcomeSource source)
    {
        var tags = db.GetCollection(LiteDbCollections.Tags);
        var id = $"{change.CustomerId}|{change.Tag}";
        if (!change.Present) return tags.Delete(id);
        if (tags.FindById(id) is not null) return false;
        tags.Insert(OutcomeBson.ToBson(new CustomerTag { CustomerId = change.CustomerId, Tag = change.Tag, SetBy = source }));
        return true;
    }

    private static bool ApplyPoints(LiteDatabase db, PointsGrant grant, OutcomeSource source)
    {
        return db.GetCollection(LiteDbCollections.Points).InsertIfMissing(OutcomeBson.ToBson(new PointsEntry
        {
            Id = OutcomeKeys.For(source.Rule, grant.CustomerId, grant.Key), CustomerId = grant.CustomerId, Type = grant.Type, Delta = grant.Delta, Reason = grant.Reason,
            Key = grant.Key, Source = source, Explanation = grant.Explanation,
        }));
    }
}
