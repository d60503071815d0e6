using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RuleEngine.Rules.Testing;
using RuleEngine.Scripting;

namespace RuleEngine.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>
    /// The rule catalog over <see cref="RuleEngineOptions.RulesPath"/>, its compiler with the on-disk compile cache
    /// under <see cref="RuleEngineOptions.DataPath"/>, and the hosted service that loads and watches the folder.
    /// Needs an <see cref="Storage.IRuleVersionStore"/> (see <c>AddRuleEngineStorage</c>).
    /// </summary>
    public static IServiceCollection AddRuleEngineRules(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RuleEngineOptions>>().Value);
        services.AddSingleton(sp => new RuleCompiler(
            new CompileCache(Path.Combine(sp.GetRequiredService<RuleEngineOptions>().FullDataPath, "compile-cache"))));
        services.AddSingleton<RuleTestsCheck>();
        services.AddSingleton<IRuleVersionCheck>(sp => sp.GetRequiredService<RuleTestsCheck>()); // a version whose tests fail stays pending
        services.AddSingleton<RuleCatalog>();
        services.AddHostedService<RuleCatalogService>();
        return services;
    }
}
