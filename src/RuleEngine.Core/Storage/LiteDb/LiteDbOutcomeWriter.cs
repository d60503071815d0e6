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
    public async Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default) =>
        (await ApplyAsync(batch, OutcomeMode.Apply, cancellationToken)).Counts;

    public Task<OutcomeResult> ApplyAsync(OutcomeBatch batch, OutcomeMode mode, CancellationToken cancellationToken = default)
    {
        foreach (var assignment in batch.Segments) SegmentOutcomes.Validate(assignment);
        return mode == OutcomeMode.Preview
            ? writer.PreviewAsync(db => Apply(db, batch), cancellationToken)
            : writer.WriteAsync(db => Apply(db, batch), cancellationToken);
    }

    private static OutcomeResult Apply(LiteDatabase db, OutcomeBatch batch)
    {
        var source = batch.Source;
        var changes = new List<OutcomeChange>();
        var segments = batch.Segments.Select(a => SegmentOutcomes.Apply(db, a, source)).OfType<OutcomeChange>().ToList();
        changes.AddRange(segments);
        var scores = batch.Scores.Where(s => ApplyScore(db, s, source)).ToList();
        changes.AddRange(scores.Select(s => new OutcomeChange(s.CustomerId, "score", s.Name, null, Invariant(s.Value), null)));
        var tags = batch.Tags.Where(t => ApplyTag(db, t, source)).ToList();
        changes.AddRange(tags.Select(t => new OutcomeChange(t.CustomerId, "tag", t.Tag, null, t.Present ? "added" : "removed", null)));
        var points = batch.Points.Where(p => ApplyPoints(db, p, source)).ToList();
        changes.AddRange(points.Select(p => new OutcomeChange(p.CustomerId, "points", p.Key, null, Invariant(p.Delta), p.Explanation)));
        var created = batch.FollowUps.Where(f => FollowUpOutcomes.Create(db, f, source)).ToList();
        changes.AddRange(created.Select(f => new OutcomeChange(f.CustomerId, "task", f.Key, null, $"{f.Channel} due {f.Due:O}", f.Explanation)));
        var cancelled = batch.Cancellations.Where(c => FollowUpOutcomes.Cancel(db, c, source)).ToList();
        changes.AddRange(cancelled.Select(c => new OutcomeChange(c.CustomerId, "task_cancel", c.Key, "open", "cancelled", c.Reason)));
        var counts = new OutcomeCounts
        {
            SegmentChanges = segments.Count, ScoreChanges = scores.Count, TagChanges = tags.Count,
            PointsEntries = points.Count, PointsAwarded = points.Where(p => p.Delta > 0).Sum(p => p.Delta),
            TasksCreated = created.Count, TasksCancelled = cancelled.Count,
        };
        return new OutcomeResult(counts, changes);
    }

    private static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

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
