using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;
using RuleEngine.Observability;

namespace RuleEngine.Server.Operations;

public static class OperationsSetup
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RuleEngineOptions>().BindConfiguration(RuleEngineOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Storage's load is observed when storage is registered (every server; some tests build the metrics alone).
        builder.Services.AddSingleton(sp => new RuleEngineMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetService<RuleEngine.Storage.IStorageHealth>(),
            sp.GetService<RuleEngine.Storage.ActivityCache>(), sp.GetService<RuleEngine.Runs.Isolation.RuleWorkerPool>(),
            sp.GetService<RuleEngine.Storage.RunRecordCache>(), sp.GetService<RuleEngine.Storage.CustomerStandingCache>()));
        builder.Services.AddHostedService<MeterExportStartup>();
        builder.Services.AddHealthChecks().AddCheck<DataFolderHealthCheck>("data-folder", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app) =>
        app.MapHealth().MapPrometheusMetrics().MapCluster();

    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) => app.UseHttpMetrics();
}
