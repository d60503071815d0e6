namespace RuleEngine.Audit;

/// <summary>
/// One link of the audit chain as stored. <see cref="Hash"/> is SHA-256 over <see cref="AuditHash.CanonicalForm"/>,
/// which covers every other field including <see cref="PreviousHash"/>, so changing, removing or moving an entry
/// breaks the chain at that entry.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>1, 2, 3…: position in the chain, without gaps.</summary>
    public required long Sequence { get; init; }
    /// <summary>UTC, whole milliseconds (what the database keeps, so the hash can be recomputed from what is stored).</summary>
    public required DateTime At { get; init; }
    public required string Type { get; init; }
    public required string Actor { get; init; }
    public string? Rule { get; init; }
    /// <summary>The object acted on: a run id, task id, rule version hash, ingest kind or request path.</summary>
    public string? Subject { get; init; }
    public required string Summary { get; init; }
    /// <summary>A JSON object, exactly as hashed.</summary>
    public required string Details { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
}

/// <summary>Where the next entry attaches: its sequence number and the hash of the entry before it.</summary>
public sealed record AuditLink(long Sequence, string PreviousHash);

/// <summary>The newest entry: an auditor notes its sequence and hash outside the server (see docs/operations.md).</summary>
public sealed record AuditHead(long Sequence, string Hash, DateTime At);
