using RuleEngine.Observability;
using RuleEngine.Security;

namespace RuleEngine.Server.Security;

/// <summary>Logs, counts and publishes refused requests (never the key itself) to every <see cref="ISecurityEventSink"/>.</summary>
public sealed class RefusedRequestReporter(
    RuleEngineMetrics metrics,
    IEnumerable<ISecurityEventSink> sinks,
    TimeProvider clock,
    ILogger<RefusedRequestReporter> logger)
{
    // A missing key is usually a misconfigured script rather than an attack: counted, not published.
    public void KeyMissing() => metrics.AuthFailed("missing_key");

    public Task UnknownKeyAsync(HttpContext context, string fingerprint)
    {
        metrics.AuthFailed("unknown_key");
        logger.LogWarning("Refused {Method} {Path}: unknown API key (fingerprint {KeyFingerprint}) from {RemoteAddress}",
            context.Request.Method, context.Request.Path.Value, fingerprint, RemoteAddress(context));
        return PublishAsync(context, SecurityEventKind.UnknownKey, null, fingerprint, "The API key is not known.");
    }

    /// <summary>The 403 detail: who called, with which role, and which roles may do <paramref name="what"/>.</summary>
    public static string WrongRole(HttpContext context, string what, IEnumerable<string> allowedRoles) =>
        $"The key '{context.Actor()}' has the role '{context.User.Role()}'; {what} needs one of: {string.Join(", ", allowedRoles)}.";

    public Task ForbiddenAsync(HttpContext context, string detail)
    {
        metrics.AuthFailed("forbidden");
        logger.LogWarning("Refused {Method} {Path} for {Actor}: {Detail}",
            context.Request.Method, context.Request.Path.Value, context.Actor(), detail);
        return PublishAsync(context, SecurityEventKind.Forbidden, context.Actor(), null, detail);
    }

    private async Task PublishAsync(HttpContext context, SecurityEventKind kind, string? actor, string? fingerprint, string detail)
    {
        var securityEvent = new SecurityEvent(kind, clock.GetUtcNow(), actor, fingerprint,
            context.Request.Method, context.Request.Path.Value ?? "", RemoteAddress(context), detail);
        foreach (var sink in sinks)
        {
            try
            {
                await sink.RecordAsync(securityEvent, context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The refusal stands whatever a sink does; a broken sink must not turn a 401 into a 500.
                logger.LogError(ex, "Security event sink {Sink} failed to record {Kind}", sink.GetType().Name, kind);
            }
        }
    }

    private static string? RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
