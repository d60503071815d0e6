using System.Collections.Concurrent;

namespace RuleEngine.Storage;

/// <summary>The eviction the writer-kept caches share: past their capacity, the least recently used tenth goes.</summary>
internal static class LeastRecentlyUsed
{
    /// <summary>By one thread at a time (<paramref name="evicting"/> is the flag); others go on adding meanwhile.</summary>
    public static void Trim<TEntry>(ConcurrentDictionary<string, TEntry> entries, int capacity, ref int evicting, Func<TEntry, long> lastUsed)
    {
        if (entries.Count <= capacity || Interlocked.Exchange(ref evicting, 1) == 1) return;
        try
        {
            var excess = entries.Count - capacity + capacity / 10;
            foreach (var old in entries.OrderBy(e => lastUsed(e.Value)).Take(excess).ToList()) entries.TryRemove(old);
        }
        finally
        {
            Volatile.Write(ref evicting, 0);
        }
    }
}
