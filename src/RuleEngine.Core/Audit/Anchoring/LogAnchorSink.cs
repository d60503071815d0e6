using Microsoft.Extensions.Logging;

namespace RuleEngine.Audit.Anchoring;

/// <summary>
/// Writes each anchor as a log event (event id 7001, properties <c>AuditSequence</c>, <c>AuditHash</c>): log
/// shippers carry it off the host, which is the point of an anchor.
/// </summary>
public sealed class LogAnchorSink(ILogger<LogAnchorSink> log) : IAuditAnchorSink
{
    public static readonly EventId AnchorEvent = new(7001, "AuditAnchor");

    public string Name => "log";

    public Task WriteAsync(AuditAnchor anchor, CancellationToken cancellationToken)
    {
        log.LogInformation(AnchorEvent, "Audit anchor: entry {AuditSequence} has hash {AuditHash} (written {AuditAt:O})",
            anchor.Sequence, anchor.Hash, anchor.At);
        return Task.CompletedTask;
    }
}
