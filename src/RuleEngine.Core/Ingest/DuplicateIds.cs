using System.Runtime.InteropServices;

namespace RuleEngine.Ingest;

/// <summary>
/// Ids seen so far in one request and the row each came from. Keeps a 64-bit hash per id, not the id,
/// so two million rows cost tens of MB rather than hundreds; two different ids share a hash with a
/// probability around 1e-7 at that size, which would wrongly report a duplicate, never miss one.
/// </summary>
internal sealed class DuplicateIds
{
    private readonly Dictionary<ulong, long> _firstRow = [];

    /// <summary>The row that already used <paramref name="id"/>, or null (and remembers this row).</summary>
    public long? SeenAt(string id, long row)
    {
        ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(_firstRow, Fnv1a(id), out var seen); // one lookup, not two
        if (seen) return first;
        first = row;
        return null;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
