using System.Collections.Concurrent;

namespace RuleEngine.Storage;

/// <summary>
/// The entries of a writer-kept cache, bounded in count and in estimated bytes (<see cref="HeapSize"/>): past either
/// bound the least recently used go, by one thread at a time while others go on adding, until a tenth below both.
/// </summary>
internal sealed class BoundedEntries<TEntry>(int capacity, long byteBudget, Func<TEntry, long> sizeOf, Func<TEntry, long> lastUsed)
    where TEntry : class
{
    readonly ConcurrentDictionary<string, TEntry> _entries = new(StringComparer.Ordinal);
    long _bytes;
    int _evicting;

    public int Count => _entries.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>An entry alone over a tenth of the byte budget is never kept (it would evict a tenth of the cache).</summary>
    public bool TooLarge(TEntry entry) => sizeOf(entry) > byteBudget / 10;

    public bool TryGetValue(string key, out TEntry entry) => _entries.TryGetValue(key, out entry!);

    /// <summary>Adds or replaces.</summary>
    public void Set(string key, TEntry entry)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                if (TryUpdate(key, entry, old)) return;
            }
            else if (TryAdd(key, entry)) return;
        }
    }

    public bool TryAdd(string key, TEntry entry)
    {
        if (!_entries.TryAdd(key, entry)) return false;
        Interlocked.Add(ref _bytes, sizeOf(entry));
        return true;
    }

    public bool TryUpdate(string key, TEntry updated, TEntry old)
    {
        if (!_entries.TryUpdate(key, updated, old)) return false;
        Interlocked.Add(ref _bytes, sizeOf(updated) - sizeOf(old));
        return true;
    }

    /// <summary>Removes this entry if it is still the one held.</summary>
    public bool Remove(KeyValuePair<string, TEntry> held)
    {
        if (!_entries.TryRemove(held)) return false;
        Interlocked.Add(ref _bytes, -sizeOf(held.Value));
        return true;
    }

    /// <summary>
    /// ConcurrentDictionary's own ToArray, which holds every lock while it counts and copies. LINQ over the dictionary
    /// (ToList, OrderBy) counts first and copies after, and an entry added in between failed it with "the number of
    /// elements in the dictionary is greater than the available space": one dry run in a few hundred under the mixed load.
    /// </summary>
    public KeyValuePair<string, TEntry>[] Snapshot() => _entries.ToArray();

    public void EvictOldest()
    {
        if (!IsOver(1) || Interlocked.Exchange(ref _evicting, 1) == 1) return;
        try
        {
            foreach (var old in Snapshot().OrderBy(e => lastUsed(e.Value)))
            {
                if (!IsOver(0.9)) break;
                Remove(old);
            }
        }
        finally
        {
            Volatile.Write(ref _evicting, 0);
        }
    }

    bool IsOver(double share) => _entries.Count > capacity * share || Bytes > byteBudget * share;
}
