using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Editing;

public static class EditingServiceCollectionExtensions
{
    /// <summary>
    /// The editor's services over the rule catalog (see <c>AddRuleEngineRules</c>): diagnostics, completion and hover
    /// (<see cref="RuleEditor"/>, its workspaces reused for the life of the process and one warmed at start-up), draft
    /// tests and version diffs.
    /// </summary>
    public static IServiceCollection AddRuleEngineEditing(this IServiceCollection services)
    {
        services.AddSingleton<RuleEditor>();
        services.AddOptions<EditingOptions>().BindConfiguration(EditingOptions.Section);
        services.AddHostedService<EditingWarmUpService>();
        services.AddSingleton<DraftTests>();
        services.AddSingleton<RuleVersionDiff>();
        return services;
    }
}
