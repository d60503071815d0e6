using RuleEngine.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>Segments rules maintain and who is in them now.</summary>
public static class SegmentsApi
{
    public static IEndpointRouteBuilder MapSegments(this IEndpointRouteBuilder app)
    {
        // Analysts, auditors and ops read: the read policy goes on this group.
        var segments = app.MapGroup("/api/segments").WithTags("Segments").RequireAuthorization(Policies.ReadData);
        segments.MapGet("/", (ISegmentStore store) => TypedResults.Ok(store.Summaries()))
            .WithSummary("Every segment value with its current member count (kept with the segment changes, not counted per request)");
        segments.MapGet("/{kind}/trend", SegmentTrendEndpoint.Get)
            .WithSummary("Members per value of a segment kind at the end of each day, week or month");
        segments.MapGet("/{kind}/{value}/members", GetMembers).WithSummary("The customers now in a segment, in id order, paged");
        return app;
    }

    private static Results<Ok<Page<SegmentMember>>, ValidationProblem> GetMembers(
        string kind, string value, ISegmentStore store, int? limit, string? cursor)
    {
        if (!Paging.TryRead(limit, cursor, out var page, out _, out var problem)) return problem;
        return TypedResults.Ok(store.Members(kind, value, page));
    }
}
