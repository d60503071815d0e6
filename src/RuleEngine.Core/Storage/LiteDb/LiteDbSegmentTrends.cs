using LiteDB;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Segment trends (<see cref="TrendWalk"/>) from the kind's current counts and its day documents: two _id ranges.</summary>
public sealed class LiteDbSegmentTrends(LiteDatabase database) : ISegmentTrends
{
    public SegmentTrend? Trend(string kind, DateOnly from, DateOnly to, TrendBucket bucket)
    {
        var current = database.GetCollection(LiteDbCollections.SegmentCounts)
            .Find(LiteDbQuery.Between("_id", $"{kind}|", $"{kind}|\uffff"))
            .ToDictionary(d => d["Value"].AsString, d => d["Members"].AsInt64, StringComparer.Ordinal);
        if (current.Count == 0) return null;
        var changes = database.GetCollection(LiteDbCollections.SegmentDays)
            .Find(LiteDbQuery.Between("_id", LiteDbOutcomeWrites.DayId(kind, OutcomeTallies.Day(from.AddDays(1).ToDateTime(TimeOnly.MinValue))), $"{kind}|\uffff"))
            .Select(d => (DateOnly.ParseExact(d["Day"].AsString, "yyyy-MM-dd"),
                (IReadOnlyDictionary<string, long>)d["Moves"].AsDocument.ToDictionary(m => m.Key, m => m.Value.AsInt64, StringComparer.Ordinal)));
        return TrendWalk.Segments(kind, from, to, bucket, current, changes);
    }
}
