using Prometheus;

namespace RuleEngine.Server.Operations;

/// <summary>
/// prometheus-net starts listening to System.Diagnostics.Metrics meters only at the first scrape, so
/// anything recorded before it (an auth failure, a run at start-up) would be lost. Start it with the host.
/// Starting again with the default options is a no-op in prometheus-net, and the listener lives as long
/// as the process, like the default registry it feeds.
/// </summary>
public sealed class MeterExportStartup : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        MeterAdapter.StartListening();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
