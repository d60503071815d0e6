using RuleEngine.Storage;

namespace RuleEngine.Audit;

/// <summary>
/// The tamper-evident record of who changed what (see docs/operations.md, "Audit log").
/// Two ways to append, chosen by the caller: <see cref="AppendAsync"/> when a person waits for the action (the
/// failure reaches them), <see cref="TryAppendAsync"/> for background work that must go on (the failure is logged).
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends the event; throws when it cannot be recorded. Not cancellable: it records an action that already
    /// happened, which a caller hanging up must not erase.
    /// </summary>
    Task<AuditEntry> AppendAsync(AuditEvent auditEvent);

    /// <summary>
    /// The event sealed for whatever link the chain's head offers: for a store write that records its own audit entry in
    /// the same transaction as the change it audits (redemptions and draws), so neither can exist without the other.
    /// </summary>
    Func<AuditLink, AuditEntry> Sealer(AuditEvent auditEvent);

    /// <summary>Appends the event; when that fails, logs the event as an error and returns false instead of throwing.</summary>
    Task<bool> TryAppendAsync(AuditEvent auditEvent);

    Page<AuditEntry> List(AuditQuery query, PageRequest page);

    /// <summary>Every entry matching the query, oldest first, read lazily a page at a time (for exports).</summary>
    IEnumerable<AuditEntry> ReadAll(AuditQuery query);

    AuditEntry? Last(AuditQuery query);

    AuditHead? Head();

    /// <summary>The entry stored at <paramref name="sequence"/>, or null.</summary>
    AuditEntry? At(long sequence);

    /// <summary>
    /// Walks the whole chain and checks it against every anchor the server noted (the anchor file) and
    /// <paramref name="anchor"/> if given; see <see cref="AuditChainVerifier"/>.
    /// </summary>
    AuditVerification Verify(AuditAnchor? anchor = null);
}
