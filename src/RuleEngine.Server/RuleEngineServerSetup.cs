using RuleEngine.Benefits;
using RuleEngine.Cluster;
using RuleEngine.Demo;
using RuleEngine.Editing;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scheduling;
using RuleEngine.Server.Audit;
using RuleEngine.Server.Data;
using RuleEngine.Server.Operations;
using RuleEngine.Server.Rules;
using RuleEngine.Server.Scheduling;
using RuleEngine.Server.Triggers;
using RuleEngine.Triggers;

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
        builder.Services.AddRuleEngineCluster();
        builder.Services.AddDemoRuleRuns();
        builder.Services.AddRuleEngineScheduling(builder.Configuration);
        builder.Services.AddRuleEngineTriggers();
        builder.AddRuleEngineAuditLog();
        builder.Services.AddRuleEngineBenefits();
        builder.Services.AddHealthChecks()
            // Live too: faulted storage only comes back with a restart, which is what a failing liveness probe asks for.
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag, HealthEndpoints.LiveTag])
            .AddCheck<RulesHealthCheck>("rules", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<TriggersHealthCheck>("triggers", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
