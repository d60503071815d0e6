namespace RuleEngine.Audit;

/// <summary>
/// Walks the chain from entry 1 and stops at the first entry that is not what was written. Streams: it holds one
/// entry and one anchor at a time, so it checks a chain of any length against any number of anchors.
/// </summary>
public static class AuditChainVerifier
{
    /// <param name="entries">Every stored entry with its storage position, in position order.</param>
    /// <param name="anchor">Optional: a head noted earlier; the chain must still contain it unchanged.</param>
    public static AuditVerification Verify(IEnumerable<(long Position, AuditEntry Entry)> entries, AuditAnchor? anchor = null) =>
        Verify(entries, anchor is null ? [] : [anchor]);

    /// <param name="entries">Every stored entry with its storage position, in position order.</param>
    /// <param name="anchors">Heads noted earlier, in the order they were noted (so by ascending sequence while the chain only grew).</param>
    public static AuditVerification Verify(IEnumerable<(long Position, AuditEntry Entry)> entries, IEnumerable<AuditAnchor> anchors)
    {
        using var noted = new AnchorWalk(anchors);
        long count = 0;
        var previousHash = AuditHash.Genesis;
        AuditEntry? last = null;
        foreach (var (position, entry) in entries)
        {
            var expected = count + 1;
            var problem = Check(position, entry, expected, previousHash) ?? noted.Check(entry);
            if (problem is not null) return new AuditVerification(false, count, Head(last), problem, noted.Current ?? noted.LastHeld, noted.Held);
            count++;
            previousHash = entry.Hash;
            last = entry;
        }
        if (noted.Current is { } beyond)
        {
            var truncated = new AuditProblem(count + 1, AuditProblemKind.AnchorMismatch,
                $"The chain ends at entry {count}, but entry {beyond.Sequence} was anchored{When(beyond)}: entries at the end were removed.",
                noted.RewrittenFrom);
            return new AuditVerification(false, count, Head(last), truncated, beyond, noted.Held);
        }
        return new AuditVerification(true, count, Head(last), null, noted.LastHeld, noted.Held);
    }

    static AuditProblem? Check(long position, AuditEntry entry, long expected, string previousHash)
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
        return null;
    }

    /// <summary>The anchors, consumed alongside the chain: each is compared when the walk reaches its entry.</summary>
    sealed class AnchorWalk : IDisposable
    {
        readonly IEnumerator<AuditAnchor> _anchors;

        public AnchorWalk(IEnumerable<AuditAnchor> anchors)
        {
            _anchors = anchors.GetEnumerator();
            Advance();
        }

        /// <summary>The next anchor to compare, null when none is left.</summary>
        public AuditAnchor? Current { get; private set; }
        /// <summary>The newest anchor that held.</summary>
        public AuditAnchor? LastHeld { get; private set; }
        public long Held { get; private set; }
        /// <summary>The first entry a rewrite may have touched: the one after the newest anchor that held.</summary>
        public long RewrittenFrom => (LastHeld?.Sequence ?? 0) + 1;

        public AuditProblem? Check(AuditEntry entry)
        {
            while (Current is { } anchor && anchor.Sequence <= entry.Sequence)
            {
                if (anchor.Sequence < entry.Sequence)
                    // Only reachable when the anchors go backwards: the chain was once longer than it was later.
                    return new(anchor.Sequence, AuditProblemKind.AnchorMismatch,
                        $"Entry {anchor.Sequence} was anchored{When(anchor)} after entry {LastHeld?.Sequence} had been: the chain was cut back or replaced in between.",
                        RewrittenFrom);
                if (!string.Equals(anchor.Hash, entry.Hash, StringComparison.OrdinalIgnoreCase))
                    return new(entry.Sequence, AuditProblemKind.AnchorMismatch,
                        $"Entry {entry.Sequence} has the hash {Short(entry.Hash)}, not the {Short(anchor.Hash)} anchored{When(anchor)}: the chain was rewritten " +
                        (RewrittenFrom == entry.Sequence ? $"from entry {entry.Sequence}." : $"from an entry between {RewrittenFrom} (after the newest anchor that holds) and {entry.Sequence}."),
                        RewrittenFrom);
                LastHeld = anchor;
                Held++;
                Advance();
            }
            return null;
        }

        void Advance()
        {
            Current = _anchors.MoveNext() ? _anchors.Current : null;
        }

        public void Dispose() => _anchors.Dispose();
    }

    static string When(AuditAnchor anchor) => anchor.AnchoredAt is { } at ? $" at {at:yyyy-MM-dd'T'HH:mm:ss'Z'}" : "";

    static AuditHead? Head(AuditEntry? last) => last is null ? null : new AuditHead(last.Sequence, last.Hash, last.At);

    static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
