using LiteDB;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Segment trends from the kept counts: members at the end of a day are today's members minus every day's net change
/// after it. So a trend reads the kind's current counts and its daily changes from the range's first day on (two
/// _id ranges, one document per day), never the stays.
/// </summary>
public sealed class LiteDbSegmentTrends(LiteDatabase database) : ISegmentTrends
{
    public SegmentTrend? Trend(string kind, DateOnly from, DateOnly to, TrendBucket bucket)
    {
        var current = database.GetCollection(LiteDbCollections.SegmentCounts)
            .Find(LiteDbQuery.Between("_id", $"{kind}|", $"{kind}|\uffff"))
            .ToDictionary(d => d["Value"].AsString, d => d["Members"].AsInt64, StringComparer.Ordinal);
        if (current.Count == 0) return null;
        // Newest first: walking back from today subtracts each day's change once.
        var changes = database.GetCollection(LiteDbCollections.SegmentDays)
            .Find(LiteDbQuery.Between("_id", LiteDbOutcomeWrites.DayId(kind, OutcomeTallies.Day(from.AddDays(1).ToDateTime(TimeOnly.MinValue))), $"{kind}|\uffff"))
            .Select(d => (Day: DateOnly.ParseExact(d["Day"].AsString, "yyyy-MM-dd"), Moves: d["Moves"].AsDocument))
            .OrderByDescending(c => c.Day).ToList();
        var members = new Dictionary<string, long>(current, StringComparer.Ordinal);
        var points = new List<TrendPoint>();
        var next = 0;
        foreach (var (start, end) in TrendBuckets.Of(from, to, bucket).Reverse())
        {
            for (; next < changes.Count && changes[next].Day > end; next++)
                foreach (var (value, delta) in changes[next].Moves)
                    members[value] = members.GetValueOrDefault(value) - delta.AsInt64;
            points.Add(new TrendPoint(start, end, new Dictionary<string, long>(members, StringComparer.Ordinal)));
        }
        points.Reverse();
        return new SegmentTrend(kind, bucket, from, to, current.Keys.Order(StringComparer.Ordinal).ToList(), points);
    }
}
