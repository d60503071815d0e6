using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>The rule runner, the run coordinator and its hosted service. Needs storage and rules registered.</summary>
    public static IServiceCollection AddRuleEngineRuns(this IServiceCollection services)
    {
        services.AddOptions<RunOptions>().BindConfiguration(RunOptions.Section)
            .Validate(o => o.PageSize is > 0 and <= 10_000, "RuleEngine:Runs:PageSize must be between 1 and 10000.")
            .Validate(o => o.MaxErrorRatio is >= 0 and <= 1, "RuleEngine:Runs:MaxErrorRatio must be between 0 and 1.")
            .Validate(o => o.CustomerTimeout > TimeSpan.Zero, "RuleEngine:Runs:CustomerTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<RunWatch>();
        services.AddSingleton<CustomerStateReader>();
        services.AddSingleton<RuleRunner>();
        services.AddSingleton<RunCoordinator>();
        services.AddHostedService<RunCoordinatorService>();
        return services;
    }
}
