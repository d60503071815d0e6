using System.Runtime.CompilerServices;
using LiteDB;
using RuleEngine.Audit;

namespace RuleEngine.Storage.LiteDb;

/// <summary>What the writer keeps in memory for one database file, beside it (see <see cref="WriterKeptValues{TValue}"/>).</summary>
internal sealed class LiteDbWriterKept
{
    /// <summary>About 10 MB: the members who redeem or draw on a busy day.</summary>
    public const int BalancesKept = 100_000;

    static readonly ConditionalWeakTable<LiteDatabase, LiteDbWriterKept> ByDatabase = new();

    public static LiteDbWriterKept Of(LiteDatabase database) => ByDatabase.GetValue(database, _ => new LiteDbWriterKept());

    /// <summary>Members' points balances: the sum of a member's ledger, read once, then moved by each points entry written.</summary>
    public WriterKeptValues<long> Balances { get; } = new(BalancesKept);

    /// <summary>Points entries known to be stored, so that outcome plans ask the file only about the others.</summary>
    public StoredIdsKept StoredPoints { get; } = new();

    /// <summary>The audit chain's last link, so that an append does not look the head up again.</summary>
    public WriterKeptValues<AuditLink> AuditHead { get; } = new(1);

    /// <summary>
    /// Small documents every write of a kind reads and rewrites (a segment value's member count, a day's moves or points
    /// flow, an item's stock counter), by "collection|id", as last written; treated as immutable (each write builds a
    /// new one).
    /// </summary>
    public WriterKeptValues<BsonDocument?> Tallies { get; } = new(TalliesKept);

    /// <summary>Days times kinds and values, and stock counters: a busy year fits.</summary>
    public const int TalliesKept = 20_000;

    /// <summary>For writes made outside the writer (start-up upgrades that rebuild tallies wholesale).</summary>
    public void ForgetAll()
    {
        Balances.Clear();
        StoredPoints.Clear();
        AuditHead.Clear();
        Tallies.Clear();
    }
}
