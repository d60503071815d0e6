using Microsoft.Extensions.Diagnostics.HealthChecks;
using RuleEngine.Triggers;

namespace RuleEngine.Server.Triggers;

/// <summary>
/// Readiness stays healthy while triggers lag: the server still serves, ingest still accepts and nothing is lost (the
/// outbox is durable). It says "lagging" so that ops see it; /api/triggers and the trigger.lagging metric tell more.
/// </summary>
internal sealed class TriggersHealthCheck(TriggerStatus status, TriggerDispatcher dispatcher, TriggerInterest interest) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!interest.Enabled) return Task.FromResult(HealthCheckResult.Healthy("event triggers are off"));
        var backlog = status.Backlog;
        var pending = backlog.Sum(b => b.Customers);
        return Task.FromResult(HealthCheckResult.Healthy(dispatcher.IsLagging(backlog)
            ? $"lagging: {pending} customers wait for triggered rules (see GET /api/triggers)"
            : $"{pending} customers pending"));
    }
}
