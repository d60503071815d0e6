using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RuleEngine.Audit.Anchoring;
using RuleEngine.Security;

namespace RuleEngine.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit log, its security event sink and the anchor service with its log and file sinks (more sinks, such
    /// as a URL, are further <see cref="IAuditAnchorSink"/> registrations). Needs storage registered (an
    /// <see cref="Storage.IAuditStore"/>) and <see cref="RuleEngineOptions"/> bound.
    /// </summary>
    public static IServiceCollection AddRuleEngineAudit(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuditAnchorOptions>().BindConfiguration(AuditAnchorOptions.Section)
            .Validate(o => o.AnchorInterval > TimeSpan.Zero, "RuleEngine:Audit:AnchorInterval must be positive (e.g. 00:05:00).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AnchorFile), "RuleEngine:Audit:AnchorFile must name a file.")
            .Validate(o => o.AnchorUrl is null || Uri.TryCreate(o.AnchorUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "RuleEngine:Audit:AnchorUrl must be an absolute http or https URL.")
            .ValidateOnStart();
        services.AddSingleton<AuditAnchorFile>();
        services.AddSingleton<IAuditAnchorSource>(sp => sp.GetRequiredService<AuditAnchorFile>());
        services.AddSingleton<IAuditAnchorSink, LogAnchorSink>();
        services.AddSingleton<IAuditAnchorSink>(sp => sp.GetRequiredService<AuditAnchorFile>());
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<ISecurityEventSink, AuditSecurityEventSink>();
        services.AddSingleton<AuditAnchorService>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditAnchorService>());
        return services;
    }
}
