using RuleEngine.Security;

namespace RuleEngine.Audit;

/// <summary>Records every refused key use in the audit log (the server answers the refusal whatever happens here).</summary>
public sealed class AuditSecurityEventSink(IAuditLog audit) : ISecurityEventSink
{
    // Not cancelled with the request: an attacker hanging up at once must still leave a trace.
    public Task RecordAsync(SecurityEvent securityEvent, CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditEvents.KeyRefused(securityEvent));
}
