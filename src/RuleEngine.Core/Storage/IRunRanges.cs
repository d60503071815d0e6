using RuleEngine.Cluster;
using RuleEngine.Runs;

namespace RuleEngine.Storage;

/// <summary>
/// The parts a large run is split into and the nodes that work them, in storage every server of a cluster shares
/// (PostgreSQL; the embedded LiteDB file is one server's and has none: its runs are never split). Leases are on the
/// database's clock, so nodes whose clocks disagree still agree on when a lease has passed.
/// </summary>
public interface IRunRanges
{
    /// <summary>
    /// Splits the run's customers into ranges of about <paramref name="customersPerRange"/> (by id) and stores them
    /// pending, once: a run that has ranges already gets those back.
    /// </summary>
    Task<IReadOnlyList<RunRange>> SplitAsync(string runId, int customersPerRange, CancellationToken cancellationToken);

    /// <summary>The run's ranges in order; empty for a run that was not split.</summary>
    IReadOnlyList<RunRange> OfRun(string runId);

    /// <summary>
    /// Claims the first range no live node holds (pending, or running with its lease passed) for <paramref name="node"/>
    /// until the lease has passed; null when there is none. Skips ranges another node is claiming at the same moment.
    /// </summary>
    Task<RunRange?> ClaimAsync(string node, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the node's lease and saves its checkpoint; false when the range is no longer the node's (lease lost, run cancelled).</summary>
    Task<bool> SaveProgressAsync(RunRange range, string node, TimeSpan lease, string? checkpoint, long processed, RunCounts counts, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the node's lease and nothing else; false when the range is no longer the node's. The holder renews on a
    /// timer beside its progress saves: a renewal that wrote progress too could land after a newer save and put back an
    /// older count under the newer checkpoint, and a node that took the range over would then count short.
    /// </summary>
    Task<bool> RenewAsync(RunRange range, string node, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Ends the node's hold with a final status; false when the range was no longer the node's.</summary>
    Task<bool> FinishAsync(RunRange range, string node, RangeStatus status, long processed, RunCounts counts, string? error, CancellationToken cancellationToken);

    /// <summary>Cancels the run's open ranges; their holders see it at their next save.</summary>
    Task CancelAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs that still have open ranges or wait to be finished (all ranges closed, run record still running).</summary>
    IReadOnlyList<string> RunsWithRanges(RunStatus status);

    /// <summary>Records that the node is alive.</summary>
    Task HeartbeatAsync(ClusterNodeState node, CancellationToken cancellationToken);

    /// <summary>The nodes seen within <paramref name="within"/>, and the ranges each holds.</summary>
    IReadOnlyList<ClusterNodeState> Nodes(TimeSpan within);

    /// <summary>Every open range, for the cluster view.</summary>
    IReadOnlyList<RunRange> OpenRanges();
}
