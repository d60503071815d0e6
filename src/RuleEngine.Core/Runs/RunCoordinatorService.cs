using Microsoft.Extensions.Hosting;

namespace RuleEngine.Runs;

/// <summary>Recovers runs a crash left behind, then executes queued runs until the server stops.</summary>
public sealed class RunCoordinatorService(RunCoordinator coordinator) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await coordinator.RecoverAsync(stoppingToken);
        await coordinator.ProcessAsync(stoppingToken);
    }
}
