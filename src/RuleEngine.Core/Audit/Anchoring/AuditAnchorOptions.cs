namespace RuleEngine.Audit.Anchoring;

/// <summary>Where and how often the server notes the audit chain's head outside the database (section <c>RuleEngine:Audit</c>).</summary>
public sealed class AuditAnchorOptions
{
    public const string Section = "RuleEngine:Audit";

    /// <summary>How often the head is anchored (only when it moved since the last anchor); also once at start and at stop.</summary>
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The append-only file of anchors, one JSON object per line; relative paths are resolved against the data folder.
    /// Put it where whoever can write the database cannot (another volume, a write-once mount): an anchor next to
    /// the data it protects only protects against mistakes.
    /// </summary>
    public string AnchorFile { get; set; } = "audit-anchors.ndjson";

    /// <summary>Optional: each anchor is also POSTed as JSON to this URL (a ticketing hook, a log collector, a notary).</summary>
    public string? AnchorUrl { get; set; }
}
