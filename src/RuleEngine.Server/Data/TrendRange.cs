using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>
/// The from/to/bucket query of the trend endpoints: UTC days, both included; by default the last 30 days, 12 weeks or
/// 12 months to today; at most <see cref="MaxBuckets"/> buckets. Bad input is a 400 naming the field.
/// </summary>
internal readonly record struct TrendRange(DateOnly From, DateOnly To, TrendBucket Bucket)
{
    public const int MaxBuckets = 1_000;

    public static bool TryRead(string? from, string? to, string? bucket, TimeProvider clock, out TrendRange range, out ValidationProblem problem)
    {
        range = default;
        var size = TrendBucket.Day;
        if (bucket is not null && (!Enum.TryParse(bucket, ignoreCase: true, out size) || int.TryParse(bucket, out _)))
        {
            problem = Paging.Invalid("bucket", $"'bucket' must be day, week or month, not '{bucket}'.");
            return false;
        }
        if (!TryDay(to, "to", out var toDay, out problem) || !TryDay(from, "from", out var fromDay, out problem)) return false;
        var end = toDay ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = fromDay ?? size switch { TrendBucket.Day => end.AddDays(-29), TrendBucket.Week => end.AddDays(-7 * 11), _ => end.AddMonths(-11) };
        if (start > end)
        {
            problem = Paging.Invalid("from", $"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd}).");
            return false;
        }
        if (TrendBuckets.Count(start, end, size) > MaxBuckets)
        {
            problem = Paging.Invalid("bucket", $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd} is more than {MaxBuckets} {size.ToString().ToLowerInvariant()}s; use a larger bucket or a shorter range.");
            return false;
        }
        range = new TrendRange(start, end, size);
        return true;
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
