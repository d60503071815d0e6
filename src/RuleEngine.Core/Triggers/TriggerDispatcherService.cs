using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RuleEngine.Rules;
using RuleEngine.Runs;

namespace RuleEngine.Triggers;

/// <summary>
/// Runs the dispatcher once the catalog has read the rules folder (so the triggers are known) and the coordinator has
/// recovered the runs a stop left behind; entries a crash left in the outbox are then dispatched like new ones.
/// </summary>
public sealed class TriggerDispatcherService(
    RuleCatalog catalog, RunCoordinator coordinator, TriggerDispatcher dispatcher, IOptions<TriggerOptions> options) : BackgroundService
{
    static readonly TimeSpan LoadPoll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        try
        {
            while (!catalog.IsLoaded) await Task.Delay(LoadPoll, stoppingToken);
            await coordinator.Recovered.WaitAsync(stoppingToken);
            await dispatcher.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
