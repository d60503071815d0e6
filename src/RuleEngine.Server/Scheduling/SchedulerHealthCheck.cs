using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
using RuleEngine.Scheduling;

namespace RuleEngine.Server.Scheduling;

/// <summary>Ready once Quartz runs and every scheduled rule has its job; until then scheduled runs could be missed.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers, RuleScheduler rules) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (scheduler.Status != SchedulerStatus.Running)
            return HealthCheckResult.Unhealthy($"The Quartz scheduler is {scheduler.Status.ToString().ToLowerInvariant()}.");
        return rules.IsFollowing
            ? HealthCheckResult.Healthy($"{rules.Scheduled.Count} rules scheduled")
            : HealthCheckResult.Unhealthy("The scheduler is waiting for the rules to load.");
    }
}
