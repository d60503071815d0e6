namespace RuleEngine.Audit;

/// <summary>
/// The answer of <c>GET /api/audit/verify</c>: whether the whole chain holds, and if not, where it first breaks.
/// <see cref="Anchor"/> is the anchor the chain was last compared with (the newest when all hold, the one that
/// failed otherwise); <see cref="AnchorsChecked"/> how many anchors held before it.
/// </summary>
public sealed record AuditVerification(
    bool Ok, long Entries, AuditHead? Head, AuditProblem? FirstBadEntry, AuditAnchor? Anchor = null, long AnchorsChecked = 0);

/// <summary>
/// The first entry that is not what was written, and what is wrong with it. For an anchor mismatch,
/// <see cref="RewrittenFrom"/> is the first entry that may have been rewritten (the one after the newest anchor
/// that still holds); when it equals <see cref="Sequence"/>, the first changed entry is known exactly.
/// </summary>
public sealed record AuditProblem(long Sequence, AuditProblemKind Problem, string Detail, long? RewrittenFrom = null);

public enum AuditProblemKind
{
    /// <summary>The entry's content no longer matches its hash: it was changed after it was written.</summary>
    HashMismatch,
    /// <summary>The entry's previous hash is not the hash of the entry before it: something before it was removed, inserted or replaced.</summary>
    BrokenLink,
    /// <summary>Sequence numbers jump: entries were removed.</summary>
    Missing,
    /// <summary>The entry stored at this position carries another sequence number: entries were moved.</summary>
    OutOfOrder,
    /// <summary>The entry does not match an anchor noted outside the database (or the chain no longer reaches it): rewritten or truncated.</summary>
    AnchorMismatch,
}

/// <summary>
/// A sequence number and hash noted earlier outside the database, to check against: by the server's anchor
/// service (with the entry's time <see cref="At"/> and when it was noted, <see cref="AnchoredAt"/>) or by an
/// auditor from <c>GET /api/audit/head</c>.
/// </summary>
public sealed record AuditAnchor(long Sequence, string Hash, DateTime? At = null, DateTime? AnchoredAt = null);
