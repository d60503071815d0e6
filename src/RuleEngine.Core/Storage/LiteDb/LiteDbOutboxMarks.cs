using System.Runtime.CompilerServices;
using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Which trigger outbox entries this process marked, and in which commit. Marking a waiting customer again then needs
/// no read and rewrite of its entry (under ingest with triggers on, those were half the writer's time), and an
/// acknowledgement can tell whether an entry was marked again after the batch read it: a read carries the number of the
/// last commit (<see cref="ReadToken"/>), each mark the number its transaction commits as. Everything but that token is
/// touched on the writer thread only (marks and acknowledgements are writes), in the transaction, so a later write of the
/// same transaction sees it; a transaction that rolls back makes every entry unknown, and an unknown entry is read from
/// the file (for marks) or treated as marked by that transaction (for acknowledgements: kept, evaluated again, which
/// applies nothing twice). Entries marked before this process started are unknown too, and older than any read.
/// </summary>
sealed class LiteDbOutboxMarks
{
    /// <summary>Past this many known entries (about 100 bytes each) new ones stay unknown (see <see cref="MarkedAfter"/>).</summary>
    const int MaxKnown = 100_000;
    static readonly ConditionalWeakTable<LiteDatabase, LiteDbOutboxMarks> OfDatabase = [];

    readonly Dictionary<string, Known> _known = new(StringComparer.Ordinal);
    long _committed, _unknownMarkedUpTo;
    bool _watching;

    public readonly record struct Known(DateTime EarliestEventAt, long Commit);

    /// <summary>The marks of one database file (one instance per <see cref="LiteDatabase"/>, whoever asks).</summary>
    public static LiteDbOutboxMarks For(LiteDatabase database) => OfDatabase.GetValue(database, _ => new LiteDbOutboxMarks());

    /// <summary>Any thread, before reading entries: every mark committed so far has a number up to this one.</summary>
    public long ReadToken => Interlocked.Read(ref _committed);

    long ThisTransaction => Interlocked.Read(ref _committed) + 1;

    public bool TryGet(string id, out Known known) => _known.TryGetValue(id, out known);

    public void Marked(string id, DateTime earliestEventAt)
    {
        Watch();
        if (_known.Count < MaxKnown || _known.ContainsKey(id)) _known[id] = new Known(earliestEventAt, ThisTransaction);
        else _unknownMarkedUpTo = ThisTransaction;
    }

    public void Removed(string id)
    {
        Watch();
        _known.Remove(id);
    }

    /// <summary>Entries were removed without their ids being known (a discard): every entry becomes unknown.</summary>
    public void ForgetAll()
    {
        Watch();
        _known.Clear();
        _unknownMarkedUpTo = ThisTransaction;
    }

    /// <summary>True when <paramref name="id"/> was (or may have been) marked in a commit after a read that carried <paramref name="token"/>.</summary>
    public bool MarkedAfter(string id, long token) =>
        _known.TryGetValue(id, out var known) ? known.Commit > token : _unknownMarkedUpTo > token;

    void Watch()
    {
        if (_watching) return;
        _watching = true;
        var number = ThisTransaction;
        LiteDbWriter.AfterTransaction(committed =>
        {
            _watching = false;
            if (committed)
            {
                Interlocked.Exchange(ref _committed, number);
                return;
            }
            _known.Clear();
            _unknownMarkedUpTo = number;
        });
    }
}
