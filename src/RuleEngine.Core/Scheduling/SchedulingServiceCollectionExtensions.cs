using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace RuleEngine.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with its in-memory store, hosted with the application, and the rule scheduler that keeps one job per
    /// scheduled rule. Quartz uses the container's <see cref="TimeProvider"/>. Needs rules and runs registered.
    /// </summary>
    public static IServiceCollection AddRuleEngineScheduling(this IServiceCollection services)
    {
        // In-memory store: one server, and the catch-up at start covers what a restart forgets. A cluster would use
        // the persistent (ADO) store here instead; see docs/operations.md, "Scheduling".
        services.AddQuartz(_ => { });
        // Jobs only queue runs, so stopping need not wait for them; the run coordinator stops the runs themselves.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        services.AddSingleton<ScheduledRunStarter>();
        services.AddSingleton<RuleScheduler>();
        services.AddHostedService<RuleSchedulerService>();
        return services;
    }
}
