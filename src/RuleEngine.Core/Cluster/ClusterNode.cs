using Microsoft.Extensions.Options;

namespace RuleEngine.Cluster;

/// <summary>This server as a node of the cluster: a name unique among the servers sharing one database.</summary>
public sealed class ClusterNode(IOptions<ClusterOptions> options, TimeProvider clock)
{
    public ClusterNodeState State { get; } = new(
        options.Value.NodeName ?? $"{Environment.MachineName}-{Environment.ProcessId}",
        Environment.MachineName, Environment.ProcessId, clock.GetUtcNow().UtcDateTime, clock.GetUtcNow().UtcDateTime);

    public string Id => State.Id;
}
