using RuleEngine.Audit;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Server.Data;
using RuleEngine.Server.Operations;
using RuleEngine.Server.Rules;

namespace RuleEngine.Server;

/// <summary>Wires the core library into the ASP.NET Core host.</summary>
public static class RuleEngineServerSetup
{
    public static WebApplicationBuilder AddRuleEngine(this WebApplicationBuilder builder)
    {
        builder.AddRuleEngineData();
        builder.Services.AddRuleEngineRules();
        builder.Services.AddRuleEngineRuns();
        builder.Services.AddRuleEngineAudit();
        builder.Services.AddHealthChecks().AddCheck<RulesHealthCheck>("rules", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
