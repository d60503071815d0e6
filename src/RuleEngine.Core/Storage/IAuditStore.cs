using System.Globalization;
using RuleEngine.Audit;

namespace RuleEngine.Storage;

/// <summary>The audit chain as stored: appended to at its one head, read in sequence order.</summary>
public interface IAuditStore
{
    /// <summary>
    /// Reads the head and inserts the entry <paramref name="seal"/> builds for the next link, as one serialised write,
    /// so that concurrent appends can never attach two entries to the same head.
    /// </summary>
    Task<AuditEntry> AppendAsync(Func<AuditLink, AuditEntry> seal, CancellationToken cancellationToken = default);

    /// <summary>Entries matching the query in sequence order (oldest first); the cursor is the last sequence.</summary>
    Page<AuditEntry> List(AuditQuery query, PageRequest page);

    /// <summary>The newest entry matching the query.</summary>
    AuditEntry? Last(AuditQuery query);

    /// <summary>The entry stored at <paramref name="sequence"/>, or null (a point read: the anchor service's check).</summary>
    AuditEntry? Find(long sequence) =>
        List(new AuditQuery(), new PageRequest(1, sequence > 1 ? PageCursor.Encode((sequence - 1).ToString(CultureInfo.InvariantCulture)) : null))
            .Items.FirstOrDefault(e => e.Sequence == sequence);

    /// <summary>Every stored entry with its storage position, in position order, read a page at a time.</summary>
    IEnumerable<(long Position, AuditEntry Entry)> ReadChain();
}
