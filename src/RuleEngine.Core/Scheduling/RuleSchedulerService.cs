using Microsoft.Extensions.Hosting;
using RuleEngine.Rules;
using RuleEngine.Runs;

namespace RuleEngine.Scheduling;

/// <summary>
/// Starts the rule scheduler once the catalog has read the rules folder and the coordinator has recovered the runs a
/// stop left behind: the catch-up must not take a run left "running" by a crash for one that is still busy.
/// </summary>
public sealed class RuleSchedulerService(RuleCatalog catalog, RunCoordinator coordinator, RuleScheduler scheduler) : BackgroundService
{
    static readonly TimeSpan LoadPoll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The catalog offers a flag, not an event, for its first load; a short poll keeps it that simple.
            while (!catalog.IsLoaded) await Task.Delay(LoadPoll, stoppingToken);
            await coordinator.Recovered.WaitAsync(stoppingToken);
            await scheduler.StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
