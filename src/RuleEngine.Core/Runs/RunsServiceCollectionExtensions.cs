using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
            .Validate(o => o.WorkerMemoryMb is >= 128 and <= 1_048_576, "RuleEngine:Runs:WorkerMemoryMb must be between 128 and 1048576.")
            .Validate(o => o.WorkerPageTimeout > TimeSpan.Zero, "RuleEngine:Runs:WorkerPageTimeout must be positive.")
            .Validate(o => o.RunTimeout is null || o.RunTimeout > TimeSpan.Zero, "RuleEngine:Runs:RunTimeout must be positive (or left out: no limit).")
            .Validate(o => o.WorkerRunsBeforeRestart > 0 && o.WorkerIdleKept >= 0, "RuleEngine:Runs:WorkerRunsBeforeRestart must be positive and WorkerIdleKept not negative.")
            .Validate(o => o.WorkerNice is >= 0 and <= 19, "RuleEngine:Runs:WorkerNice must be between 0 and 19.")
            .Validate(o => o.WorkersPerRun is >= 1 and <= 64, "RuleEngine:Runs:WorkersPerRun must be between 1 and 64.")
            .ValidateOnStart();
        services.AddSingleton<Isolation.RuleWorkerPool>();
        // Given/expect cases run where runs run (the version check at load, the editor, captured cases).
        services.AddSingleton<Rules.Testing.IRuleCaseEvaluator>(sp =>
            sp.GetRequiredService<IOptions<RunOptions>>().Value.Evaluation == RuleEvaluation.Worker
                ? new Isolation.WorkerCaseEvaluator(sp.GetRequiredService<Isolation.RuleWorkerPool>())
                : Rules.Testing.InProcessCaseEvaluator.Instance);
        services.AddSingleton<RunWatch>();
        services.AddSingleton<CustomerStateReader>();
        services.AddSingleton<RuleRunner>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton<Preview.PreviewDrafts>();
        services.AddSingleton<Preview.RulePreviews>();
        services.AddSingleton<Preview.TestCapture>();
        services.AddHostedService<RunCoordinatorService>();
        return services;
    }
}
