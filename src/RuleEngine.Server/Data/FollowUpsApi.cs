using RuleEngine.Server.Limits;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Security;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Audit;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

/// <summary>Follow-up tasks rules created: listed for the people who work them, closed with an outcome.</summary>
public static class FollowUpsApi
{
    public static IEndpointRouteBuilder MapFollowUps(this IEndpointRouteBuilder app)
    {
        // Read policy on this group...
        var reads = app.MapGroup("/api/followups").WithTags("Follow-ups").RequireAuthorization(Policies.ReadData);
        reads.MapGet("/", List).WithSummary("Follow-up tasks by due time, filtered by status, due date and customer, paged");
        // ...and the policy of those who work the tasks on this one.
        var writes = app.MapGroup("/api/followups").WithTags("Follow-ups")
            .RequireAuthorization(Policies.UpdateTasks).RequireRateLimiting(RateLimits.Writes);
        writes.MapPatch("/{id}", Patch).WithSummary("Mark a task done or cancelled (or open again), with an outcome");
        return app;
    }

    private static Results<Ok<Page<FollowUpView>>, ValidationProblem> List(
        IFollowUpStore store, string? status, string? dueBefore, string? customerId, int? limit, string? cursor)
    {
        if (!Paging.TryRead(limit, cursor, out var page, out _, out var problem)) return problem;
        FollowUpStatus? statusFilter = null;
        if (status is not null)
        {
            if (ParseStatus(status) is not { } parsed) return Paging.Invalid("status", $"'status' must be open, done or cancelled, not '{status}'.");
            statusFilter = parsed;
        }
        DateTime? dueFilter = null;
        if (dueBefore is not null)
        {
            if (!DateTime.TryParse(dueBefore, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var due))
                return Paging.Invalid("dueBefore", $"'dueBefore' must be an ISO-8601 UTC time such as 2026-11-22T08:00:00Z, not '{dueBefore}'.");
            dueFilter = due;
        }
        var tasks = store.List(new FollowUpQuery(statusFilter, dueFilter, customerId), page);
        return TypedResults.Ok(new Page<FollowUpView>(tasks.Items.Select(FollowUpView.From).ToList(), tasks.NextCursor));
    }

    private static async Task<Results<Ok<FollowUpView>, ProblemHttpResult, ValidationProblem>> Patch(
        string id, FollowUpPatch patch, IFollowUpStore store, IAuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (ParseStatus(patch.Status) is not { } status)
            return Paging.Invalid("status", $"'status' must be open, done or cancelled, not '{patch.Status ?? "missing"}'.");
        var before = store.Find(id);
        var updated = before is null ? null : await store.UpdateStatusAsync(id, status, patch.Outcome, cancellationToken);
        if (updated is null)
            return Problems.Problem(StatusCodes.Status404NotFound, "Follow-up not found", $"There is no follow-up task with id '{id}'.");
        await audit.AppendAsync(AuditEvents.TaskUpdated(before!, updated, http.Actor()));
        return TypedResults.Ok(FollowUpView.From(updated));
    }

    private static FollowUpStatus? ParseStatus(string? status) => status?.ToLowerInvariant() switch
    {
        "open" => FollowUpStatus.Open,
        "done" => FollowUpStatus.Done,
        "cancelled" or "canceled" => FollowUpStatus.Cancelled,
        _ => null,
    };
}
