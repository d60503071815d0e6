using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Rules;

namespace RuleEngine.Benefits;

public static class BenefitsServiceCollectionExtensions
{
    /// <summary>The benefits catalog (kept in step with <c>catalog.json</c>), the draw secret and the benefits service. Needs storage.</summary>
    public static IServiceCollection AddRuleEngineBenefits(this IServiceCollection services)
    {
        services.AddOptions<BenefitsOptions>().BindConfiguration(BenefitsOptions.Section)
            .Validate(o => o.MaxIdempotencyKeyLength is > 0 and <= 1000, "RuleEngine:Benefits:MaxIdempotencyKeyLength must be between 1 and 1000.");
        services.AddSingleton<BenefitCatalogKeeper>();
        services.AddSingleton(sp => DrawSecret.Load(
            sp.GetRequiredService<IOptions<BenefitsOptions>>().Value.DrawSecret, sp.GetRequiredService<RuleEngineOptions>().FullDataPath));
        services.AddSingleton<BenefitsService>();
        services.AddHostedService<CatalogWatchService>();
        return services;
    }
}

/// <summary>Reads the catalog before the server takes requests, then follows its file for edits.</summary>
public sealed class CatalogWatchService(BenefitCatalogKeeper keeper, ILogger<CatalogWatchService> log) : IHostedService, IDisposable
{
    RuleFolderWatcher? _watcher;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await keeper.SyncAsync(cancellationToken);
        _watcher = new RuleFolderWatcher(Path.GetDirectoryName(keeper.FullPath)!, () => keeper.SyncAsync(), log);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _watcher?.Dispose();
}
