using RuleEngine.Audit;
using RuleEngine.Demo;
using RuleEngine.Editing;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scheduling;
using RuleEngine.Server.Data;
using RuleEngine.Server.Operations;
using RuleEngine.Server.Rules;
using RuleEngine.Server.Scheduling;

namespace RuleEngine.Server;

/// <summary>Wires the core library into the ASP.NET Core host.</summary>
public static class RuleEngineServerSetup
{
    public static WebApplicationBuilder AddRuleEngine(this WebApplicationBuilder builder)
    {
        builder.AddRuleEngineData();
        builder.Services.AddRuleEngineRules();
        builder.Services.AddRuleEngineEditing();
        builder.Services.AddRuleEngineRuns();
        builder.Services.AddDemoRuleRuns();
        builder.Services.AddRuleEngineScheduling();
        builder.Services.AddRuleEngineAudit();
        builder.Services.AddHealthChecks()
            // Live too: faulted storage only comes back with a restart, which is what a failing liveness probe asks for.
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag, HealthEndpoints.LiveTag])
            .AddCheck<RulesHealthCheck>("rules", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
