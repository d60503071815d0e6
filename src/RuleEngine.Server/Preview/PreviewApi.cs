using System.Text;
using RuleEngine.Rules;
using RuleEngine.Scripting;
using RuleEngine.Runs;
using RuleEngine.Runs.Preview;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Limits;
using RuleEngine.Server.Rules;
using RuleEngine.Server.Runs;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.Preview;

/// <summary>
/// Preview across versions over REST: a draft against the live version on the same customers, queued as a dry run
/// (watch, page and cancel it under <c>/api/runs/{id}</c>), and real customers captured as test cases.
/// </summary>
public static class PreviewApi
{
    /// <summary>The body of <c>POST /api/rules/{name}/preview</c>: <c>runId</c> replays a past run's as-of time and customers.</summary>
    public sealed record PreviewBody(string? Text, DateTime? AsOf = null, IReadOnlyList<string>? CustomerIds = null, string? RunId = null);

    public static IEndpointRouteBuilder MapPreview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rules").WithTags("Preview")
            .RequireAuthorization(Policies.WriteRules).RequireRateLimiting(RateLimits.Writes);
        group.MapPost("/{name}/preview", Start)
            .WithSummary("Evaluate a draft and the live version on the same customers (as of now, asOf, or a past run's snapshot with runId) " +
                "in one dry run; 202 with the run's location, whose impact is the difference. A draft that does not compile: 422 with its diagnostics")
            .Produces<RunAccepted>(StatusCodes.Status202Accepted);
        group.MapPost("/{name}/tests/capture", TestCaptureApi.Capture)
            .WithSummary("Turn a customer of a preview (or any run) into a given/expect case for the rule's tests file, expecting what the draft decides")
            .Produces<TestCaptureApi.CaptureResult>();
        return app;
    }

    static async Task<IResult> Start(string name, PreviewBody? body, HttpContext http, RulePreviews previews, CancellationToken cancellation)
    {
        if (!RuleNames.IsValid(name)) return Problems.NotFound("rule", name, "List the rules with GET /api/rules.");
        if (string.IsNullOrWhiteSpace(body?.Text)) return Problems.BadRequest("Send the draft rule's whole text in 'text'.");
        if (Encoding.UTF8.GetByteCount(body.Text) > ScriptBody.MaxBytes)
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Rule script too large",
                $"The draft is larger than {ScriptBody.MaxBytes / 1024} KB; split shared code into rules/_shared/ helpers.");
        if (body.CustomerIds is { Count: > RunsApi.MaxCustomerIds })
            return Problems.BadRequest($"customerIds lists {body.CustomerIds.Count} customers; at most {RunsApi.MaxCustomerIds} (preview the whole base instead).");
        if (body.CustomerIds?.Any(string.IsNullOrWhiteSpace) == true) return Problems.BadRequest("customerIds contains an empty id.");
        try
        {
            var run = await previews.StartAsync(new PreviewRequest
            {
                Rule = name, Text = body.Text, TriggeredBy = http.Actor(), AsOf = body.AsOf?.ToUniversalTime(),
                CustomerIds = body.CustomerIds?.Distinct(StringComparer.Ordinal).ToList(), ReplayOf = body.RunId,
            }, cancellation);
            return TypedResults.Accepted($"/api/runs/{run.Id}", new RunAccepted(run.Id, run.Status.ToString().ToLowerInvariant()));
        }
        catch (DraftRejectedException e)
        {
            return Problems.Unprocessable(
                $"The draft does not compile, so it cannot be previewed: {string.Join("; ", e.Diagnostics.Where(d => d.IsError))}",
                new Dictionary<string, object?> { ["diagnostics"] = e.Diagnostics });
        }
        catch (RunRejectedException e)
        {
            return e.Reason switch
            {
                RunRejection.NotFound => Problems.Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
                RunRejection.Invalid => Problems.BadRequest(e.Message),
                RunRejection.Busy => RunsApi.Busy(http, e),
                _ => Problems.Conflict(e.Message),
            };
        }
    }
}
