using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Triggers;

public static class TriggersServiceCollectionExtensions
{
    /// <summary>Event triggers: which kinds rules listen to, the dispatcher and its hosted service. Needs storage, rules and runs.</summary>
    public static IServiceCollection AddRuleEngineTriggers(this IServiceCollection services)
    {
        services.AddOptions<TriggerOptions>().BindConfiguration(TriggerOptions.Section)
            .Validate(o => o.MaxBatchCustomers is > 0 and <= 100_000, "RuleEngine:Triggers:MaxBatchCustomers must be between 1 and 100000.")
            .Validate(o => o.MaxConcurrentRuns is > 0 and <= 64, "RuleEngine:Triggers:MaxConcurrentRuns must be between 1 and 64.")
            .Validate(o => o.BatchWindow >= TimeSpan.Zero && o.PollInterval > TimeSpan.Zero && o.RetryDelay > TimeSpan.Zero,
                "RuleEngine:Triggers: BatchWindow must not be negative, PollInterval and RetryDelay must be positive.")
            .ValidateOnStart();
        services.AddSingleton<TriggerInterest>();
        services.AddSingleton<TriggerSignal>();
        services.AddSingleton<TriggerStatus>();
        services.AddSingleton<TriggerDispatcher>();
        services.AddHostedService<TriggerDispatcherService>();
        return services;
    }
}
