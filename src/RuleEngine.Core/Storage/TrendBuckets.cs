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
