using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Cluster;

/// <summary>
/// Every node's share of the cluster's work (only on shared storage): it records the node's heartbeat, claims ranges of
/// split runs one at a time and executes them (<see cref="RangeExecutor"/>), and adopts a split run whose coordinator
/// died (nobody holds its run lock), so that run still finishes. Claims wait until the coordinator has recovered
/// the runs a stop left behind.
/// </summary>
public sealed class RangeWorker(
    IServiceProvider services,
    RunCoordinator coordinator,
    IRunLocks locks,
    ClusterNode node,
    IOptions<ClusterOptions> options,
    ILogger<RangeWorker> log,
    IRunRanges? ranges = null) : BackgroundService
{
    readonly ConcurrentDictionary<string, Task> _adopting = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ranges is null) return; // one server's own storage: nothing to share
        var executor = (RangeExecutor)services.GetService(typeof(RangeExecutor))!;
        try
        {
            await coordinator.Recovered.WaitAsync(stoppingToken);
            var beat = options.Value.Heartbeat;
            var lastBeat = DateTime.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (DateTime.UtcNow - lastBeat >= beat)
                    {
                        await ranges.HeartbeatAsync(node.State, stoppingToken);
                        lastBeat = DateTime.UtcNow;
                        AdoptOrphans(stoppingToken);
                    }
                    if (await ranges.ClaimAsync(node.Id, options.Value.RangeLease, stoppingToken) is { } range)
                    {
                        await executor.ExecuteAsync(range, stoppingToken);
                        continue; // more may be waiting: claim again at once
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database away for a moment: the next turn tries again; a range held stays ours until its lease passes.
                    log.LogWarning(e, "Cluster work on {Node} failed; trying again", node.Id);
                }
                await Task.Delay(beat / 4, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Split runs still running whose run lock no node holds: their coordinator died. One adoption per run at a time.</summary>
    void AdoptOrphans(CancellationToken stopping)
    {
        foreach (var runId in ranges!.RunsWithRanges(RunStatus.Running))
        {
            if (_adopting.ContainsKey(runId) || locks.IsExecuting(runId)) continue;
            log.LogWarning("Run {RunId} has lost its coordinator; {Node} adopts it", runId, node.Id);
            _adopting[runId] = Task.Run(async () =>
            {
                try { await coordinator.AdoptAsync(runId, stopping); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "Adopting run {RunId} failed", runId); }
                finally { _adopting.TryRemove(runId, out _); }
            }, CancellationToken.None);
        }
    }
}
