using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Runs;
using RuleEngine.Server.Data;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Limits;
using RuleEngine.Server.Security;
using RuleEngine.Storage;

namespace RuleEngine.Server.Runs;

/// <summary>Runs over REST: trigger (real or dry), watch, read logs and outcomes, cancel, rerun (see shared API contract).</summary>
public static class RunsApi
{
    /// <summary>A run limited to customers is a quick check; a bigger list belongs in a full run.</summary>
    public const int MaxCustomerIds = 1000;

    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rules/{name}/runs", Trigger).WithTags("Runs")
            .RequireAuthorization(Policies.DryRun).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Start a run of a rule (dryRun: compute the impact and change nothing); 202 with the run's location")
            .Produces<RunAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);

        var reads = app.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(Policies.ReadRuns);
        reads.MapGet("/", List).WithSummary("Runs, newest first, filtered by rule, status, trigger, actor and creation time, paged");
        reads.MapGet("/{id}", Get).WithSummary("One run: status, progress, counts, version, trigger, as-of, error, dry-run impact");
        reads.MapGet("/{id}/events", RunEventsEndpoint.Stream)
            .WithSummary("Server-Sent Events: the run's progress, log lines as written and status, from its current state until it ends")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream");
        reads.MapGet("/{id}/logs", Logs).WithSummary("The run's log lines, in order, paged");
        reads.MapGet("/{id}/outcomes", Outcomes)
            .WithSummary("What the run changed (or would change, for a dry run; for a preview: each difference between the draft and live) per customer, with the rule's explanations, paged; Accept text/csv exports every row")
            .Produces<Page<RunOutcomeRecord>>(StatusCodes.Status200OK, "application/json", RunOutcomesExport.Csv);

        // Whoever may start a dry run (or a preview) may stop it; stopping a run that changes state takes the ops role.
        app.MapPost("/api/runs/{id}/cancel", Cancel).WithTags("Runs")
            .RequireAuthorization(Policies.DryRun).RequireRateLimiting(RateLimits.Writes)
            .WithSummary("Cancel a pending or running run (analysts: dry runs and previews only); pages already applied stay applied")
            .Produces<RunView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        var control = app.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(Policies.CancelRuns).RequireRateLimiting(RateLimits.Writes);
        control.MapPost("/{id}/rerun", Rerun).WithSummary("Start a run that completes this one with its version, as-of time, parameters and customers")
            .Produces<RunAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    static async Task<IResult> Trigger(string name, TriggerRunRequest? body, HttpContext http, RunCoordinator coordinator, CancellationToken cancellation)
    {
        body ??= new TriggerRunRequest();
        var dryRun = body.DryRun ?? false;
        if (!dryRun && await http.ForbidUnlessAllowedAsync(Policies.TriggerRuns, "a run that is not a dry run") is { } refused) return refused;
        if (body.CustomerIds is { Count: > MaxCustomerIds })
            return Problems.BadRequest($"customerIds lists {body.CustomerIds.Count} customers; at most {MaxCustomerIds} (run the whole base instead).");
        if (body.CustomerIds?.Any(string.IsNullOrWhiteSpace) == true) return Problems.BadRequest("customerIds contains an empty id.");
        try
        {
            var run = await coordinator.TriggerAsync(new RunRequest
            {
                Rule = name, TriggeredBy = http.Actor(), DryRun = dryRun, AsOf = body.AsOf?.ToUniversalTime(),
                CustomerIds = body.CustomerIds?.Distinct(StringComparer.Ordinal).ToList(), Parameters = body.Parameters,
            }, cancellation);
            return Accepted(run);
        }
        catch (RunRejectedException e)
        {
            return e.Reason switch
            {
                RunRejection.NotFound => Problems.NotFound("rule", name, "List the rules with GET /api/rules."),
                RunRejection.Invalid => Problems.BadRequest(e.Message),
                RunRejection.Busy => Busy(http, e),
                _ => Problems.Conflict(e.Message),
            };
        }
    }

    static Results<Ok<Page<RunView>>, ValidationProblem> List(
        IRunStore runs, string? rule, string? status, string? trigger, string? actor, string? from, string? to, int? limit, string? cursor)
    {
        if (!Paging.TryRead(limit, cursor, out var page, out _, out var problem)) return problem;
        RunStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<RunStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
                return Paging.Invalid("status", $"'status' must be one of {string.Join(", ", Enum.GetNames<RunStatus>().Select(n => n.ToLowerInvariant()))}, not '{status}'.");
            statusFilter = parsed;
        }
        RunTrigger? triggerFilter = null;
        if (trigger is not null)
        {
            // "scheduled" reads as naturally as the stored "schedule".
            var name = trigger.Equals("scheduled", StringComparison.OrdinalIgnoreCase) ? nameof(RunTrigger.Schedule) : trigger;
            if (!Enum.TryParse<RunTrigger>(name, ignoreCase: true, out var parsed) || int.TryParse(trigger, out _))
                return Paging.Invalid("trigger", $"'trigger' must be one of {string.Join(", ", Enum.GetNames<RunTrigger>().Select(n => n.ToLowerInvariant()))}, not '{trigger}'.");
            triggerFilter = parsed;
        }
        if (!TryTime(from, "from", out var fromTime, out problem) || !TryTime(to, "to", out var toTime, out problem)) return problem;
        if (fromTime > toTime) return Paging.Invalid("from", $"'from' ({from}) is after 'to' ({to}).");
        var runsPage = runs.List(new RunQuery(rule, statusFilter, fromTime, toTime, triggerFilter, actor), page);
        return TypedResults.Ok(new Page<RunView>(runsPage.Items.Select(RunView.From).ToList(), runsPage.NextCursor));
    }

    static Results<Ok<RunView>, ProblemHttpResult> Get(string id, IRunStore runs) =>
        runs.Find(id) is { } run ? TypedResults.Ok(RunView.From(run)) : NotFound(id);

    static Results<Ok<Page<RunLogLine>>, ProblemHttpResult, ValidationProblem> Logs(string id, IRunStore runs, int? limit, string? cursor)
    {
        if (runs.Find(id) is null) return NotFound(id);
        if (!Paging.TryRead(limit, cursor, out var page, out _, out var problem)) return problem;
        return TypedResults.Ok(runs.Logs(id, page));
    }

    static IResult Outcomes(string id, HttpContext http, IRunStore runs, int? limit, string? cursor)
    {
        if (runs.Find(id) is null) return NotFound(id);
        if (RunOutcomesExport.IsAccepted(http.Request)) return RunOutcomesExport.Write(runs, id);
        if (!Paging.TryRead(limit, cursor, out var page, out _, out var problem)) return problem;
        return TypedResults.Ok(runs.Outcomes(id, page));
    }

    static async Task<IResult> Cancel(string id, HttpContext http, RunCoordinator coordinator, IRunStore runs)
    {
        if (runs.Find(id) is { DryRun: false } && await http.ForbidUnlessAllowedAsync(Policies.CancelRuns, "cancelling a run that is not a dry run") is { } refused)
            return refused;
        try
        {
            if (!await coordinator.CancelAsync(id, http.Actor()))
                return Problems.Conflict($"Run '{id}' already finished ({runs.Find(id)?.Status.ToString().ToLowerInvariant()}); nothing to cancel.");
            return TypedResults.Accepted($"/api/runs/{id}", RunView.From(runs.Find(id)!));
        }
        catch (RunRejectedException)
        {
            return NotFound(id);
        }
    }

    static async Task<IResult> Rerun(string id, HttpContext http, RunCoordinator coordinator, CancellationToken cancellation)
    {
        if (await http.ForbidUnlessAllowedAsync(Policies.TriggerRuns, "a rerun") is { } refused) return refused;
        try
        {
            return Accepted(await coordinator.RerunAsync(id, http.Actor(), cancellation));
        }
        catch (RunRejectedException e)
        {
            return e.Reason switch
            {
                RunRejection.NotFound => NotFound(id),
                RunRejection.Busy => Busy(http, e),
                _ => Problems.Conflict(e.Message),
            };
        }
    }

    /// <summary>The run queue is full: 429 with a Retry-After, as the write limiter answers.</summary>
    internal static IResult Busy(HttpContext http, RunRejectedException e)
    {
        http.Response.Headers.RetryAfter = "30";
        return Problems.Problem(StatusCodes.Status429TooManyRequests, "Too many runs waiting", e.Message);
    }

    static IResult Accepted(Run run) =>
        TypedResults.Accepted($"/api/runs/{run.Id}", new RunAccepted(run.Id, run.Status.ToString().ToLowerInvariant()));

    internal static ProblemHttpResult NotFound(string id) => Problems.NotFound("run", id, "List runs with GET /api/runs.");

    internal static bool TryTime(string? text, string field, out DateTime? time, out ValidationProblem problem)
    {
        time = null;
        problem = null!;
        if (text is null) return true;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }
        problem = Paging.Invalid(field, $"'{field}' must be an ISO-8601 UTC time such as 2026-11-22T08:00:00Z, not '{text}'.");
        return false;
    }
}
