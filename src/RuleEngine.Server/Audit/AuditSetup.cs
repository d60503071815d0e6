using RuleEngine.Audit;
using RuleEngine.Audit.Anchoring;

namespace RuleEngine.Server.Audit;

public static class AuditSetup
{
    /// <summary>The audit log and its anchoring: log and file from the core, the URL sink here (the core makes no HTTP calls).</summary>
    public static WebApplicationBuilder AddRuleEngineAuditLog(this WebApplicationBuilder builder)
    {
        builder.Services.AddRuleEngineAudit();
        builder.Services.AddHttpClient(HttpAnchorSink.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<IAuditAnchorSink, HttpAnchorSink>();
        return builder;
    }
}
