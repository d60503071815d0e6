using Microsoft.Extensions.Configuration;

namespace RuleEngine.Storage;

/// <summary>The <c>RuleEngine:Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "RuleEngine:Storage";
    public const string LiteDb = "litedb", Postgres = "postgres";

    /// <summary><c>litedb</c> (the embedded file under the data path; the default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = LiteDb;

    /// <summary>For <c>postgres</c>: an Npgsql connection string (Host, Port, Database, Username, Password...).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How many customers' orders and events runs over chosen customers keep in memory (least recently used go first);
    /// 0 turns the cache off. At the demo data's ~15 orders and events per customer, about 4 KB each: 5,000 ≈ 20 MB.
    /// Its hits and misses are in /metrics (<c>ruleengine_storage_activity_cache_lookups</c>) to size it by.
    /// </summary>
    public int ActivityCacheCustomers { get; set; } = 5_000;

    /// <summary>
    /// ...and how much memory they may take, estimated (whichever bound is reached first evicts): held customers'
    /// histories grow with every ingest, so the customer count alone does not bound the memory.
    /// </summary>
    public int ActivityCacheMegabytes { get; set; } = 64;

    public const int DefaultLiteDbTransactionMegabytes = 64;

    /// <summary>
    /// LiteDB only: the memory open transactions (a query's too) may hold before each writes its changed pages to the log
    /// early and lets go of the rest; LiteDB's page cache grows to about this much plus 8 MB and stays there (LiteDB's
    /// own limit is 800 MB). Smaller costs large ingest batches some speed (pages written twice); see docs/storage.md.
    /// </summary>
    public int LiteDbTransactionMegabytes { get; set; } = DefaultLiteDbTransactionMegabytes;

    public const int DefaultLiteDbCheckpointPages = 1_000;

    /// <summary>
    /// LiteDB only: pages (8 KB) the write-ahead log grows to before a commit copies it into the data file (a checkpoint:
    /// the storage lock held while it copies and fsyncs, and LiteDB's page cache dropped after it, so every hot page is
    /// read again). Fewer, longer checkpoints speed up bulk work and triggered batches and slow the single writes that
    /// wait behind one: 1,000 (LiteDB's own, the default) gave triggered orders p99 1.6–1.9 s and redemptions during a
    /// run 971–989/s at p99 47–51 ms; 2,000 gave 0.6 s and 852–944/s at 63–72 ms; 4,000 0.7–0.9 s and 897/s at 99 ms
    /// (docs/storage.md, "Checkpoints"). The default keeps the shop's redemptions fast.
    /// </summary>
    public int LiteDbCheckpointPages { get; set; } = DefaultLiteDbCheckpointPages;

    /// <summary>
    /// How many run records <c>GET /api/runs/{id}</c> serves from memory (least recently read go first; every stored state
    /// of a run replaces its held record); 0 turns the cache off. A record is about 1–4 KB (a triggered batch's up to ~250 KB): 2,000 ≈ 2–8 MB.
    /// </summary>
    public int RunCacheRuns { get; set; } = 2_000;

    /// <summary>...and how much memory they may take, estimated: a triggered batch's record names up to thousands of customers.</summary>
    public int RunCacheMegabytes { get; set; } = 32;

    /// <summary>
    /// LiteDB only: how many customers' standings (profile, segments, scores, tags, balance, open tasks) <c>GET
    /// /api/customers/{id}</c> serves from memory (least recently read go first; any write touching a customer drops its
    /// standing); 0 turns the cache off. About 2–4 KB each: 50,000 ≈ 100–200 MB at most, bounded below by the megabytes.
    /// </summary>
    public int StandingCacheCustomers { get; set; } = 50_000;

    /// <summary>...and how much memory they may take, estimated.</summary>
    public int StandingCacheMegabytes { get; set; } = 64;

    /// <summary>True for <c>postgres</c>; false for <c>litedb</c>; anything else is refused with what to write.</summary>
    public bool IsPostgres => Provider.ToLowerInvariant() switch
    {
        LiteDb => false,
        Postgres => true,
        _ => throw new InvalidOperationException(
            $"RuleEngine:Storage:Provider is '{Provider}'; it must be '{LiteDb}' (the default) or '{Postgres}'."),
    };

    /// <summary>For <c>postgres</c>: the connection string, which must then be set.</summary>
    public string RequiredConnectionString => ConnectionString
        ?? throw new InvalidOperationException("RuleEngine:Storage:Provider is postgres but RuleEngine:Storage:ConnectionString is not set.");

    /// <summary>The section as configured, for choices made while services are registered.</summary>
    public static StorageOptions Read(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StorageOptions>() ?? new StorageOptions();
}
