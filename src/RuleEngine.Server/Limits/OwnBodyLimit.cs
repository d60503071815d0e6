namespace RuleEngine.Server.Limits;

/// <summary>
/// Endpoint metadata: this endpoint enforces a body limit of its own (ingest: <c>RuleEngine:Ingest:MaxBodyBytes</c>,
/// a gigabyte by default), so the server-wide <c>RuleEngine:Limits:MaxRequestBodyBytes</c> (32 MB) must not refuse
/// its bodies first.
/// </summary>
public sealed class OwnBodyLimit
{
    public static readonly OwnBodyLimit Instance = new();

    OwnBodyLimit() { }
}
