using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace RuleEngine.Server.Operations;

/// <summary>Ready only when the data folder (database, compile cache, logs) accepts writes.</summary>
public sealed class DataFolderHealthCheck(IOptions<RuleEngineOptions> options, ILogger<DataFolderHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var folder = options.Value.FullDataPath;
        var probe = Path.Combine(folder, $".health-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("The data folder is writable.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The answer is anonymous: details (the path, the OS error) go to the log only.
            logger.LogError(ex, "The data folder {DataPath} is not writable", folder);
            return HealthCheckResult.Unhealthy("The data folder is not writable; see the server log.");
        }
    }
}
