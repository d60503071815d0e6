using LiteDB;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Points per bucket from the day totals kept with the ledger: one _id range read, at most one document per day.</summary>
public sealed class LiteDbPointsTrends(LiteDatabase database) : IPointsTrends
{
    public PointsTrend Trend(DateOnly from, DateOnly to, TrendBucket bucket)
    {
        // Days come in _id order, which is date order: one walk beside the buckets adds each day once.
        var days = database.GetCollection(LiteDbCollections.PointsDays)
            .Find(LiteDbQuery.Between("_id", Day(from), Day(to)))
            .Select(d => (Day: DateOnly.ParseExact(d["_id"].AsString, "yyyy-MM-dd"), Flow: LiteDbOutcomeWrites.PointsDayOf(d)))
            .OrderBy(d => d.Day).ToList();
        var points = new List<PointsFlow>();
        var next = 0;
        foreach (var (start, end) in TrendBuckets.Of(from, to, bucket))
        {
            var total = default(PointsDay);
            for (; next < days.Count && days[next].Day <= end; next++) total = total.Plus(days[next].Flow);
            points.Add(new PointsFlow(start, end, total.Earned, total.Spent, total.Expired));
        }
        return new PointsTrend(bucket, from, to, points);
    }

    static string Day(DateOnly day) => OutcomeTallies.Day(day.ToDateTime(TimeOnly.MinValue));
}
