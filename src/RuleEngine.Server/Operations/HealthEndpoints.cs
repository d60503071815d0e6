using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RuleEngine.Server.Operations;

/// <summary>
/// <c>/health</c> (live: the process answers and its storage has not faulted; checks tagged "live") and
/// <c>/health/ready</c> (checks tagged "ready": storage, rules, scheduler, data folder). Anonymous, so the body says
/// only names and statuses.
/// </summary>
public static class HealthEndpoints
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Operations").AllowAnonymous();
        health.MapGet("", (HealthCheckService checks, CancellationToken ct) => ReportAsync(checks, LiveTag, ct))
            .WithSummary("Liveness: the server answers and its storage has not faulted (503 when it has: restart the process).")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/ready", (HealthCheckService checks, CancellationToken ct) => ReportAsync(checks, ReadyTag, ct))
            .WithSummary("Readiness: storage, scheduler and data folder can serve requests (503 when not).")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> ReportAsync(
        HealthCheckService checks, string tag, CancellationToken ct)
    {
        var report = await checks.CheckHealthAsync(registration => registration.Tags.Contains(tag), ct);
        var response = new HealthResponse(
            Lower(report.Status),
            report.Entries.Select(e => new HealthCheckEntry(e.Key, Lower(e.Value.Status), e.Value.Description)).ToList());
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(response);
    }

    private static string Lower(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <param name="Status">healthy, degraded or unhealthy.</param>
public sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckEntry> Checks);

public sealed record HealthCheckEntry(string Name, string Status, string? Description);
