using RuleEngine.Rules;
using RuleEngine.Server.Data;

namespace RuleEngine.Server;

/// <summary>Wires the core library into the ASP.NET Core host.</summary>
public static class RuleEngineServerSetup
{
    public static WebApplicationBuilder AddRuleEngine(this WebApplicationBuilder builder)
    {
        builder.AddRuleEngineData();
        builder.Services.AddRuleEngineRules();
        return builder;
    }
}
