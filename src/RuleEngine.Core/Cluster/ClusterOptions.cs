namespace RuleEngine.Cluster;

/// <summary>The <c>RuleEngine:Cluster</c> section: how servers on one PostgreSQL database share large runs.</summary>
public sealed class ClusterOptions
{
    public const string Section = "RuleEngine:Cluster";

    /// <summary>This server's name in <c>GET /api/cluster</c> and on the ranges it holds; default: host name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// A real run over every customer of a base larger than this is split into ranges of about this many customers,
    /// which every node claims; 0 never splits. Only on shared storage (PostgreSQL).
    /// </summary>
    public int RangeCustomers { get; set; } = 50_000;

    /// <summary>How long a claimed range stays a node's without word from it; a dead node's range is claimed again after this.</summary>
    public TimeSpan RangeLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node records that it is alive, looks for ranges to claim and for runs whose coordinator died.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(2);
}
