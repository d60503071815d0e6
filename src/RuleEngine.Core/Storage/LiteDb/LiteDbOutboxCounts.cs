using System.Runtime.CompilerServices;
using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// How many outbox entries each trigger kind has, kept in memory beside the LiteDB file. Counting a backlog of thousands
/// of entries read each one (LiteDB has no index-only count); with <c>/api/triggers</c>, the gauges and the dispatcher
/// asking every second, that took a fifth of the server's CPU under steady ingest. Every change to the outbox happens on
/// the writer thread (<see cref="LiteDbWriter"/>), so the counts are counted once there and then moved by each
/// transaction's own changes when it commits (<see cref="LiteDbWriter.AfterTransaction"/>); a rolled-back count makes
/// them unknown again, and the next reader counts anew.
/// </summary>
sealed class LiteDbOutboxCounts
{
    static readonly ConditionalWeakTable<LiteDatabase, LiteDbOutboxCounts> OfDatabase = [];

    readonly Lock _gate = new();
    Dictionary<string, long>? _byKind;
    bool _counting;

    /// <summary>The counts of one database file (one instance per <see cref="LiteDatabase"/>, whoever asks).</summary>
    public static LiteDbOutboxCounts For(LiteDatabase database) => OfDatabase.GetValue(database, _ => new LiteDbOutboxCounts());

    /// <summary>The count of <paramref name="kind"/>, or null while it is not known yet.</summary>
    public long? Of(string kind)
    {
        lock (_gate) return _byKind is null ? null : _byKind.GetValueOrDefault(kind);
    }

    bool Known
    {
        get { lock (_gate) return _byKind is not null; }
    }

    /// <summary>
    /// On the writer thread, inside a write: entries added (positive) or removed (negative) per kind by this transaction,
    /// applied when it commits. While the counts are unknown there is nothing to move: the count taken later sees them.
    /// </summary>
    public void Changed(IReadOnlyDictionary<string, long> deltas)
    {
        if (deltas.Count == 0 || !Known) return;
        LiteDbWriter.AfterTransaction(committed =>
        {
            if (!committed) return;
            lock (_gate)
            {
                if (_byKind is null) return;
                foreach (var (kind, delta) in deltas) _byKind[kind] = _byKind.GetValueOrDefault(kind) + delta;
            }
        });
    }

    /// <summary>
    /// Counts every kind once, as a write (so no other change interleaves), unless a count is already on its way.
    /// Taken inside a transaction, it already includes that transaction's earlier changes; if it rolls back, the counts
    /// are unknown again.
    /// </summary>
    public void CountSoon(LiteDbWriter writer)
    {
        lock (_gate)
        {
            if (_byKind is not null || _counting) return;
            _counting = true;
        }
        _ = writer.WriteAsync(db =>
        {
            var counted = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var entry in db.GetCollection(LiteDbCollections.TriggerOutbox).FindAll())
                counted[entry["Kind"].AsString] = counted.GetValueOrDefault(entry["Kind"].AsString) + 1;
            lock (_gate) _byKind = counted;
            LiteDbWriter.AfterTransaction(committed =>
            {
                lock (_gate)
                {
                    _counting = false;
                    if (!committed) _byKind = null;
                }
            });
        }).ContinueWith(t =>
        {
            if (t.IsFaulted || t.IsCanceled) lock (_gate) (_counting, _byKind) = (false, null);
        }, TaskScheduler.Default);
    }
}
