using System.Reflection;
using LiteDB.Engine;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// LiteDB 5.0.20's memory, which it offers no setting for. Its page cache grows by 8 MB segments whenever more pages are
/// in use at once than it holds, and never gives one back; a transaction (a query's too) keeps every page it touched in
/// use until it ends or reaches its share of a pool of 100,000 pages (800 MB), when it writes its dirty pages to the log
/// early and lets go of the rest (LiteDB's "safepoint", the same as at commit, so atomicity is unchanged). So one large
/// ingest or scan leaves the cache as large as it was, for good: a ten-minute load grew it by 125 MB. A smaller pool
/// bounds what transactions hold to the pool; the cache is that, the 1,000 idle pages LiteDB keeps, and the changed
/// pages its log writer (a background task without backpressure) has not written yet.
/// </summary>
public static class LiteDbMemory
{
    const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
    public const int PageSize = 8192;

    /// <summary>Caps the pages all open transactions may hold before each safepoints; call while none is open.</summary>
    public static void LimitTransactionPages(LiteEngine engine, int pages)
    {
        var monitor = Field(engine, "_monitor");
        var free = monitor.GetType().GetField("_freePages", Private)
            ?? throw new InvalidOperationException("LiteDB's transaction monitor has no _freePages: this LiteDB version is not 5.0.20.");
        free.SetValue(monitor, pages);
    }

    /// <summary>The bytes LiteDB's page cache has allocated (it only grows).</summary>
    public static Func<long> CacheBytes(LiteEngine engine)
    {
        var cache = Field(Field(engine, "_disk"), "_cache");
        var pages = cache.GetType().GetProperty("ExtendPages")
            ?? throw new InvalidOperationException("LiteDB's memory cache has no ExtendPages: this LiteDB version is not 5.0.20.");
        return () => (int)pages.GetValue(cache)! * (long)PageSize;
    }

    static object Field(object owner, string name) =>
        owner.GetType().GetField(name, Private)?.GetValue(owner)
        ?? throw new InvalidOperationException($"LiteDB's {owner.GetType().Name} has no {name}: this LiteDB version is not 5.0.20.");
}
