using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RuleEngine.Security;

namespace RuleEngine.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log and its security event sink. Needs storage registered (an <see cref="Storage.IAuditStore"/>).</summary>
    public static IServiceCollection AddRuleEngineAudit(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<ISecurityEventSink, AuditSecurityEventSink>();
        return services;
    }
}
