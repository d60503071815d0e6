using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RuleEngine.Scripting;

namespace RuleEngine.Rules;

/// <summary>
/// Loads the rules at start-up (from the compile cache when it can), pays Roslyn's first-compile cost with a
/// warm-up compile off the request path, then follows the rules folder for changes.
/// </summary>
public sealed class RuleCatalogService(RuleCatalog catalog, ILogger<RuleCatalogService> log) : BackgroundService
{
    RuleFolderWatcher? _watcher;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting; loading may take seconds
        try
        {
            var report = await catalog.SyncAsync(stoppingToken);
            log.LogInformation("Loaded {Count} rules from {Folder}: {Active} active, {Invalid} invalid",
                report.Considered.Count, catalog.RulesRoot,
                report.Considered.Count(r => r.Status == RuleStatus.Active), report.Considered.Count(r => r.Status == RuleStatus.Invalid));
            _watcher = new RuleFolderWatcher(catalog.RulesRoot, () => catalog.SyncAsync(stoppingToken), log);
            var warmUp = RuleCompiler.WarmUp();
            log.LogInformation("Rule compiler warmed up in {Elapsed} ms", (int)warmUp.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }
}
