using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Split runs and each node's range worker. They act only on storage a cluster shares (an <see cref="Storage.IRunRanges"/>
    /// is registered: PostgreSQL); on the embedded default runs are never split and the worker ends at once.
    /// </summary>
    public static IServiceCollection AddRuleEngineCluster(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section)
            .Validate(o => o.RangeCustomers >= 0, "RuleEngine:Cluster:RangeCustomers must not be negative (0: never split).")
            .Validate(o => o.RangeLease >= TimeSpan.FromSeconds(1), "RuleEngine:Cluster:RangeLease must be at least one second.")
            .Validate(o => o.Heartbeat > TimeSpan.Zero && o.Heartbeat < o.RangeLease, "RuleEngine:Cluster:Heartbeat must be positive and shorter than RangeLease.")
            .ValidateOnStart();
        services.AddSingleton<ClusterNode>();
        services.AddSingleton<PartitionedRuns>();
        // Built only where the range worker runs (shared storage), so a container without ranges never validates it.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RangeExecutor>(sp));
        services.AddHostedService<RangeWorker>();
        return services;
    }
}
