using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using RuleEngine.Storage;

namespace RuleEngine.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz, hosted with the application, and the rule scheduler that keeps one job per scheduled rule. Quartz keeps
    /// its triggers where the storage backend says (<see cref="SchedulerStore"/>: in memory on LiteDB, clustered in
    /// PostgreSQL) and uses the container's <see cref="TimeProvider"/>. Needs rules and runs registered.
    /// </summary>
    public static IServiceCollection AddRuleEngineScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQuartz(quartz => SchedulerStore.Use(quartz, configuration));
        // Jobs only queue runs, so stopping need not wait for them; the run coordinator stops the runs themselves.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        services.AddSingleton<ScheduledRunStarter>();
        services.AddSingleton<RuleScheduler>();
        services.AddHostedService<RuleSchedulerService>();
        return services;
    }
}
