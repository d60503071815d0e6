using Microsoft.Extensions.Diagnostics.HealthChecks;
using RuleEngine.Storage;

namespace RuleEngine.Server.Operations;

/// <summary>Not ready once storage refuses writes (see <see cref="IStorageHealth"/>): the server needs a restart.</summary>
internal sealed class StorageHealthCheck(IStorageHealth storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(storage.Problem is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy());
}
