using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Server.Errors;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>
/// GET /api/segments/{kind}/trend?from=&amp;to=&amp;bucket=day|week|month: members per value at the end of each bucket,
/// from the counts kept with the segment changes (<see cref="TrendRange"/> for the range). A kind no customer was ever
/// in is a 404.
/// </summary>
internal static class SegmentTrendEndpoint
{
    public static Results<Ok<SegmentTrend>, ProblemHttpResult, ValidationProblem> Get(
        string kind, string? from, string? to, string? bucket, ISegmentTrends trends, TimeProvider clock)
    {
        if (!TrendRange.TryRead(from, to, bucket, clock, out var range, out var problem)) return problem;
        return trends.Trend(kind, range.From, range.To, range.Bucket) is { } trend
            ? TypedResults.Ok(trend)
            : Problems.NotFound("segment kind", kind, "No customer has ever been in a segment of this kind; list kinds with GET /api/segments.");
    }
}
