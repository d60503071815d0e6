using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Server.Security;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>The loyalty programme's points as a whole (one customer's ledger is under /api/customers/{id}/points).</summary>
public static class PointsApi
{
    public static IEndpointRouteBuilder MapPoints(this IEndpointRouteBuilder app)
    {
        var points = app.MapGroup("/api/points").WithTags("Points").RequireAuthorization(Policies.ReadData);
        points.MapGet("/trend", GetTrend)
            .WithSummary("Points earned (net of reversals), spent and expired per day, week or month, from day totals kept with the ledger");
        return app;
    }

    static Results<Ok<PointsTrend>, ValidationProblem> GetTrend(string? from, string? to, string? bucket, IPointsTrends trends, TimeProvider clock) =>
        TrendRange.TryRead(from, to, bucket, clock, out var range, out var problem)
            ? TypedResults.Ok(trends.Trend(range.From, range.To, range.Bucket))
            : problem;
}
