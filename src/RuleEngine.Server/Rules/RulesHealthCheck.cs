using Microsoft.Extensions.Diagnostics.HealthChecks;
using RuleEngine.Rules;

namespace RuleEngine.Server.Rules;

/// <summary>Ready once the rules folder has been read at start-up; until then no rule could run.</summary>
internal sealed class RulesHealthCheck(RuleCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.IsLoaded
            ? HealthCheckResult.Healthy($"{catalog.Rules.Count(r => r.Status == RuleStatus.Active)} active rules")
            : HealthCheckResult.Unhealthy("The rules are still loading."));
}
