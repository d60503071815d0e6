namespace RuleEngine.Security;

/// <summary>
/// Receives every refused key use. Register any number of sinks (for example the audit log) with
/// <c>services.AddSingleton&lt;ISecurityEventSink, MySink&gt;()</c>; the server calls each of them,
/// logs and counts the event itself, and keeps answering when a sink throws.
/// </summary>
public interface ISecurityEventSink
{
    Task RecordAsync(SecurityEvent securityEvent, CancellationToken cancellationToken);
}
