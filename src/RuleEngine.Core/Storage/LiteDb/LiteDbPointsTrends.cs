using LiteDB;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Points per bucket (<see cref="TrendWalk"/>) from the day totals kept with the ledger: one _id range, at most one document per day.</summary>
public sealed class LiteDbPointsTrends(LiteDatabase database) : IPointsTrends
{
    public PointsTrend Trend(DateOnly from, DateOnly to, TrendBucket bucket) => TrendWalk.Points(from, to, bucket,
        database.GetCollection(LiteDbCollections.PointsDays).Find(LiteDbQuery.Between("_id", Day(from), Day(to)))
            .Select(d => (DateOnly.ParseExact(d["_id"].AsString, "yyyy-MM-dd"), LiteDbOutcomeWrites.PointsDayOf(d))));

    static string Day(DateOnly day) => OutcomeTallies.Day(day.ToDateTime(TimeOnly.MinValue));
}
