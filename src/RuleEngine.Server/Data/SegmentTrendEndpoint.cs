using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Server.Errors;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>
/// GET /api/segments/{kind}/trend?from=&amp;to=&amp;bucket=day|week|month: members per value at the end of each bucket,
/// from the counts kept with the segment changes. Dates are UTC days, both included; by default the last 30 days,
/// 12 weeks or 12 months to today. A kind no customer was ever in is a 404.
/// </summary>
internal static class SegmentTrendEndpoint
{
    public const int MaxBuckets = 1_000;

    public static Results<Ok<SegmentTrend>, ProblemHttpResult, ValidationProblem> Get(
        string kind, string? from, string? to, string? bucket, ISegmentTrends trends, TimeProvider clock)
    {
        var size = TrendBucket.Day;
        if (bucket is not null && (!Enum.TryParse(bucket, ignoreCase: true, out size) || int.TryParse(bucket, out _)))
            return Paging.Invalid("bucket", $"'bucket' must be day, week or month, not '{bucket}'.");
        if (!TryDay(to, "to", out var toDay, out var problem) || !TryDay(from, "from", out var fromDay, out problem)) return problem;
        var end = toDay ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = fromDay ?? size switch { TrendBucket.Day => end.AddDays(-29), TrendBucket.Week => end.AddDays(-7 * 11), _ => end.AddMonths(-11) };
        if (start > end) return Paging.Invalid("from", $"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd}).");
        if (TrendBuckets.Count(start, end, size) > MaxBuckets)
            return Paging.Invalid("bucket", $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd} is more than {MaxBuckets} {size.ToString().ToLowerInvariant()}s; use a larger bucket or a shorter range.");
        return trends.Trend(kind, start, end, size) is { } trend
            ? TypedResults.Ok(trend)
            : Problems.NotFound("segment kind", kind, "No customer has ever been in a segment of this kind; list kinds with GET /api/segments.");
    }

    /// <summary>A date (2026-11-01) or a UTC time, whose day counts.</summary>
    static bool TryDay(string? text, string field, out DateOnly? day, out ValidationProblem problem)
    {
        day = null;
        problem = null!;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) day = date;
        else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            day = DateOnly.FromDateTime(time);
        else
        {
            problem = Paging.Invalid(field, $"'{field}' must be a date such as 2026-11-01 (UTC), not '{text}'.");
            return false;
        }
        return true;
    }
}
