namespace RuleEngine.Audit;

/// <summary>
/// Walks the chain from entry 1 and stops at the first entry that is not what was written. Streams: it holds one
/// entry at a time, so it checks a chain of any length.
/// </summary>
public static class AuditChainVerifier
{
    /// <param name="entries">Every stored entry with its storage position, in position order.</param>
    /// <param name="anchor">Optional: a head noted earlier; the chain must still contain it unchanged.</param>
    public static AuditVerification Verify(IEnumerable<(long Position, AuditEntry Entry)> entries, AuditAnchor? anchor = null)
    {
        long count = 0;
        var previousHash = AuditHash.Genesis;
        AuditEntry? last = null;
        foreach (var (position, entry) in entries)
        {
            var expected = count + 1;
            if (Check(position, entry, expected, previousHash, anchor) is { } problem)
                return new AuditVerification(false, count, Head(last), problem);
            count++;
            previousHash = entry.Hash;
            last = entry;
        }
        if (anchor is not null && anchor.Sequence > count)
        {
            var truncated = new AuditProblem(count + 1, AuditProblemKind.AnchorMismatch,
                $"The chain ends at entry {count}, but entry {anchor.Sequence} was noted as an anchor: entries at the end were removed.");
            return new AuditVerification(false, count, Head(last), truncated);
        }
        return new AuditVerification(true, count, Head(last), null);
    }

    static AuditProblem? Check(long position, AuditEntry entry, long expected, string previousHash, AuditAnchor? anchor)
    {
        if (position != expected)
            return new(expected, AuditProblemKind.Missing,
                $"Entry {expected} is missing: the chain goes from entry {expected - 1} to entry {position}.");
        if (entry.Sequence != position)
            return new(position, AuditProblemKind.OutOfOrder,
                $"The entry stored at position {position} is entry {entry.Sequence}: entries were moved.");
        if (AuditHash.Of(entry) != entry.Hash)
            return new(position, AuditProblemKind.HashMismatch,
                $"Entry {position} ({entry.Type} by {entry.Actor}) does not match its hash: it was changed after it was written.");
        if (entry.PreviousHash != previousHash)
            return new(position, AuditProblemKind.BrokenLink,
                $"Entry {position} does not follow entry {position - 1}: its previous hash {Short(entry.PreviousHash)} is not {Short(previousHash)}.");
        if (anchor is not null && anchor.Sequence == position && !string.Equals(anchor.Hash, entry.Hash, StringComparison.OrdinalIgnoreCase))
            return new(position, AuditProblemKind.AnchorMismatch,
                $"Entry {position} has the hash {Short(entry.Hash)}, not the anchored {Short(anchor.Hash)}: the chain was rewritten from here or earlier.");
        return null;
    }

    static AuditHead? Head(AuditEntry? last) => last is null ? null : new AuditHead(last.Sequence, last.Hash, last.At);

    static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
