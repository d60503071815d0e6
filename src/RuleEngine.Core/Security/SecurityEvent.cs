namespace RuleEngine.Security;

/// <summary>
/// A request the server refused because of its API key. Never carries the key itself: <c>Actor</c> is the
/// key's configured name when the key was known (forbidden), and <c>KeyFingerprint</c> the first characters
/// of an unknown key's SHA-256, enough to correlate repeated attempts.
/// </summary>
public sealed record SecurityEvent(
    SecurityEventKind Kind,
    DateTimeOffset At,
    string? Actor,
    string? KeyFingerprint,
    string Method,
    string Path,
    string? RemoteAddress,
    string Detail);

public enum SecurityEventKind
{
    /// <summary>A key was sent that matches no configured key.</summary>
    UnknownKey,

    /// <summary>A known key was used for an endpoint its role may not call.</summary>
    Forbidden,
}
