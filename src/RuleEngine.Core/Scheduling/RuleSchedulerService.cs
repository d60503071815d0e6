using Microsoft.Extensions.Hosting;
using RuleEngine.Rules;

namespace RuleEngine.Scheduling;

/// <summary>Starts the rule scheduler once the catalog has read the rules folder (the hosted catalog service does that).</summary>
public sealed class RuleSchedulerService(RuleCatalog catalog, RuleScheduler scheduler) : BackgroundService
{
    static readonly TimeSpan LoadPoll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The catalog offers a flag, not an event, for its first load; a short poll keeps it that simple.
            while (!catalog.IsLoaded) await Task.Delay(LoadPoll, stoppingToken);
            await scheduler.StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
