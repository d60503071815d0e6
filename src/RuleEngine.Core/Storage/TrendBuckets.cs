namespace RuleEngine.Storage;

public static class TrendBuckets
{
    /// <summary>Day, ISO week (Monday first) or calendar month buckets covering [from, to]; the first and last may be partial.</summary>
    public static IEnumerable<(DateOnly Start, DateOnly End)> Of(DateOnly from, DateOnly to, TrendBucket bucket)
    {
        for (var start = from; start <= to;)
        {
            var next = bucket switch
            {
                TrendBucket.Day => start.AddDays(1),
                TrendBucket.Week => start.AddDays(7 - ((int)start.DayOfWeek + 6) % 7),
                _ => new DateOnly(start.Year, start.Month, 1).AddMonths(1),
            };
            var end = next.AddDays(-1) < to ? next.AddDays(-1) : to;
            yield return (start, end);
            start = next;
        }
    }

    /// <summary>How many buckets a range has, to refuse absurd ones before computing them.</summary>
    public static int Count(DateOnly from, DateOnly to, TrendBucket bucket) => bucket switch
    {
        TrendBucket.Day => to.DayNumber - from.DayNumber + 1,
        TrendBucket.Week => (to.DayNumber - from.DayNumber) / 7 + 2,
        _ => (to.Year - from.Year) * 12 + to.Month - from.Month + 1,
    };
}

/// <summary>Trends from the kept counts, whatever stores them.</summary>
public static class TrendWalk
{
    /// <summary>
    /// Members at the end of a day are today's members minus every later day's net change: so a trend needs the kind's
    /// current counts and its daily changes after the range's first day, never the stays.
    /// </summary>
    /// <param name="changes">Net members entered per value, per day after <paramref name="from"/>; any order.</param>
    public static SegmentTrend? Segments(
        string kind, DateOnly from, DateOnly to, TrendBucket bucket,
        IReadOnlyDictionary<string, long> current, IEnumerable<(DateOnly Day, IReadOnlyDictionary<string, long> Moves)> changes)
    {
        if (current.Count == 0) return null;
        // Newest first: walking back from today subtracts each day's change once.
        var newestFirst = changes.OrderByDescending(c => c.Day).ToList();
        var members = new Dictionary<string, long>(current, StringComparer.Ordinal);
        var points = new List<TrendPoint>();
        var next = 0;
        foreach (var (start, end) in TrendBuckets.Of(from, to, bucket).Reverse())
        {
            for (; next < newestFirst.Count && newestFirst[next].Day > end; next++)
                foreach (var (value, delta) in newestFirst[next].Moves)
                    members[value] = members.GetValueOrDefault(value) - delta;
            points.Add(new TrendPoint(start, end, new Dictionary<string, long>(members, StringComparer.Ordinal)));
        }
        points.Reverse();
        return new SegmentTrend(kind, bucket, from, to, current.Keys.Order(StringComparer.Ordinal).ToList(), points);
    }

    /// <summary>Points per bucket: each day's flow (days within [from, to], any order) added to its bucket once.</summary>
    public static PointsTrend Points(DateOnly from, DateOnly to, TrendBucket bucket, IEnumerable<(DateOnly Day, Outcomes.PointsDay Flow)> days)
    {
        var inOrder = days.OrderBy(d => d.Day).ToList();
        var points = new List<PointsFlow>();
        var next = 0;
        foreach (var (start, end) in TrendBuckets.Of(from, to, bucket))
        {
            var total = default(Outcomes.PointsDay);
            for (; next < inOrder.Count && inOrder[next].Day <= end; next++) total = total.Plus(inOrder[next].Flow);
            points.Add(new PointsFlow(start, end, total.Earned, total.Spent, total.Expired));
        }
        return new PointsTrend(bucket, from, to, points);
    }
}
