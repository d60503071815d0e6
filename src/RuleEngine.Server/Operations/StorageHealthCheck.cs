using Microsoft.Extensions.Diagnostics.HealthChecks;
using RuleEngine.Storage;

namespace RuleEngine.Server.Operations;

/// <summary>Neither live nor ready once storage has faulted (see <see cref="IStorageHealth"/>): the server needs a restart.</summary>
internal sealed class StorageHealthCheck(IStorageHealth storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(storage.Problem is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy());
}
