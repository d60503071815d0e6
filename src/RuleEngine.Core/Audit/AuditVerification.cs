namespace RuleEngine.Audit;

/// <summary>The answer of <c>GET /api/audit/verify</c>: whether the whole chain holds, and if not, where it first breaks.</summary>
public sealed record AuditVerification(bool Ok, long Entries, AuditHead? Head, AuditProblem? FirstBadEntry);

/// <summary>The first entry that is not what was written, and what is wrong with it.</summary>
public sealed record AuditProblem(long Sequence, AuditProblemKind Problem, string Detail);

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
    /// <summary>The entry does not match the anchor an auditor noted (or the chain no longer reaches it): rewritten or truncated.</summary>
    AnchorMismatch,
}

/// <summary>A sequence number and hash an auditor noted earlier (from <c>GET /api/audit/head</c>) to check against.</summary>
public sealed record AuditAnchor(long Sequence, string Hash);
