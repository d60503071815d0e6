using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// What an outcome batch changes against what is stored now: the document writes (only differences, with
/// deterministic ids, so a repeat plans nothing) and the changes and counts they amount to. Planning only reads, so a
/// dry run plans on the caller's thread and keeps the result; a real run plans and executes inside one writer
/// transaction. Both share this logic, so a dry run's counts are those of the real run by construction.
/// </summary>
internal sealed class OutcomePlan
{
    OutcomePlan(IReadOnlyList<DocumentWrite> writes, OutcomeResult result) => (Writes, Result) = (writes, result);

    public IReadOnlyList<DocumentWrite> Writes { get; }

    public OutcomeResult Result { get; }

    public void Execute(LiteDatabase database)
    {
        foreach (var write in Writes) write.Execute(database);
    }

    public static OutcomePlan For(LiteDatabase database, OutcomeBatch batch)
    {
        var documents = new StagedDocuments(database);
        var source = batch.Source;
        var segmentOutcomes = new SegmentOutcomes(documents);
        var segments = batch.Segments.Select(a => segmentOutcomes.Plan(a, source)).OfType<OutcomeChange>().ToList();
        segmentOutcomes.StageCounts();
        var scores = batch.Scores.Select(s => ScoreOutcomes.Plan(documents, s, source)).OfType<OutcomeChange>().ToList();
        var tags = batch.Tags.Where(t => PlanTag(documents, t, source)).ToList();
        var points = batch.Points.Where(p => PlanPoints(documents, p, source)).ToList();
        var pointsTallies = new PointsTallies();
        foreach (var p in points) pointsTallies.Add(p.Type, p.Delta, source.At);
        pointsTallies.Stage(documents);
        var created = batch.FollowUps.Where(f => FollowUpOutcomes.Plan(documents, f, source)).ToList();
        var cancelled = batch.Cancellations.Where(c => FollowUpOutcomes.Plan(documents, c, source)).ToList();
        var coupons = batch.Coupons.Where(c => BenefitOutcomes.Plan(documents, c, source)).ToList();
        var chances = batch.DrawChances.Where(d => BenefitOutcomes.Plan(documents, d, source)).ToList();

        var changes = new List<OutcomeChange>(segments);
        changes.AddRange(scores);
        changes.AddRange(tags.Select(t => new OutcomeChange(t.CustomerId, "tag", t.Tag, null, t.Present ? "added" : "removed", t.Explanation)));
        changes.AddRange(points.Select(p => new OutcomeChange(p.CustomerId, "points", p.Key, null, Invariant(p.Delta), p.Explanation)));
        changes.AddRange(created.Select(f => new OutcomeChange(f.CustomerId, "task", f.Key, null, $"{f.Channel} due {f.Due:O}", f.Explanation)));
        changes.AddRange(cancelled.Select(c => new OutcomeChange(c.CustomerId, "task_cancel", c.Key, "open", "cancelled", c.Reason)));
        changes.AddRange(coupons.Select(c => new OutcomeChange(c.CustomerId, "coupon", c.Key, null, c.Template, c.Explanation)));
        changes.AddRange(chances.Select(d => new OutcomeChange(d.CustomerId, "draw_chance", d.Key, null, d.Campaign, d.Explanation)));
        var counts = new OutcomeCounts
        {
            SegmentChanges = segments.Count, ScoreChanges = scores.Count, TagChanges = tags.Count,
            PointsEntries = points.Count, PointsAwarded = points.Where(p => p.Delta > 0).Sum(p => p.Delta),
            TasksCreated = created.Count, TasksCancelled = cancelled.Count, CouponsGranted = coupons.Count, DrawChancesGranted = chances.Count,
        };
        return new OutcomePlan(documents.Writes, new OutcomeResult(counts, changes));
    }

    internal static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

    static bool PlanTag(StagedDocuments documents, TagChange change, OutcomeSource source)
    {
        var id = $"{change.CustomerId}|{change.Tag}";
        var present = documents.FindById(LiteDbCollections.Tags, id) is not null;
        if (present == change.Present) return false;
        if (change.Present) documents.Insert(LiteDbCollections.Tags, OutcomeBson.ToBson(new CustomerTag { CustomerId = change.CustomerId, Tag = change.Tag, SetBy = source }));
        else documents.Delete(LiteDbCollections.Tags, id);
        return true;
    }

    static bool PlanPoints(StagedDocuments documents, PointsGrant grant, OutcomeSource source) =>
        documents.InsertIfMissing(LiteDbCollections.Points, OutcomeBson.ToBson(new PointsEntry
        {
            Id = OutcomeKeys.For(source.Rule, grant.CustomerId, grant.Key), CustomerId = grant.CustomerId, Type = grant.Type, Delta = grant.Delta, Reason = grant.Reason,
            Key = grant.Key, Source = source, Explanation = grant.Explanation,
        }));
}
