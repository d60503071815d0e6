using Microsoft.Extensions.Options;
using RuleEngine.Cluster;
using RuleEngine.Server.Security;
using RuleEngine.Storage;

namespace RuleEngine.Server.Operations;

/// <summary>
/// GET /api/cluster: the servers sharing this database, their heartbeats and the ranges of split runs each holds, plus
/// the ranges waiting for a node. On the embedded default it shows this server alone (<c>clustered: false</c>).
/// </summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapCluster(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster", Get).WithTags("Operations").RequireAuthorization(Policies.ReadRuns)
            .WithSummary("The cluster: nodes with their heartbeats and the run ranges each holds, and ranges waiting to be claimed");
        return app;
    }

    static ClusterView Get(HttpContext http)
    {
        var node = http.RequestServices.GetRequiredService<ClusterNode>();
        var options = http.RequestServices.GetRequiredService<IOptions<ClusterOptions>>();
        if (http.RequestServices.GetService<IRunRanges>() is not { } ranges)
            return new ClusterView(false, node.Id, [new ClusterNodeView(node.State.Id, node.State.Host, node.State.Pid, node.State.StartedAt, DateTime.UtcNow, true, [])], []);
        // A node counts as alive while its heartbeat is younger than a range lease: after that its ranges are claimed again.
        var lease = options.Value.RangeLease;
        var open = ranges.OpenRanges();
        var nodes = ranges.Nodes(TimeSpan.FromMinutes(10)).Select(n => new ClusterNodeView(n.Id, n.Host, n.Pid, n.StartedAt, n.LastSeen,
            DateTime.UtcNow - n.LastSeen < lease,
            open.Where(r => r.Node == n.Id && r.Status == RangeStatus.Running).Select(View).ToList())).ToList();
        return new ClusterView(true, node.Id, nodes, open.Where(r => r.Status == RangeStatus.Pending || !nodes.Any(n => n.Id == r.Node && n.Alive)).Select(View).ToList());
    }

    static RangeView View(RunRange r) => new(r.RunId, r.Seq + 1, r.FromId, r.ToId, r.Customers, r.Processed, r.Status.ToString().ToLowerInvariant(), r.Node, r.LeaseUntil, r.Attempts);
}

/// <param name="Node">The server that answered.</param>
/// <param name="Waiting">Ranges no live node holds: pending, or held by a node whose lease is passing.</param>
public sealed record ClusterView(bool Clustered, string Node, IReadOnlyList<ClusterNodeView> Nodes, IReadOnlyList<RangeView> Waiting);

/// <param name="Alive">Its last heartbeat is younger than a range lease (RuleEngine:Cluster:RangeLease).</param>
public sealed record ClusterNodeView(string Id, string Host, int Pid, DateTime StartedAt, DateTime LastSeen, bool Alive, IReadOnlyList<RangeView> Ranges);

/// <param name="Range">1-based, of the run's ranges.</param>
/// <param name="After">Customers with ids after this one (null: from the first) ...</param>
/// <param name="Through">... up to and including this one (null: to the last).</param>
public sealed record RangeView(string RunId, int Range, string? After, string? Through, long Customers, long Processed, string Status, string? Node, DateTime? LeaseUntil, int Attempts);
