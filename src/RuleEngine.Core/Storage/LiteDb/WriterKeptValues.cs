using System.Diagnostics;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Values the writer thread derives from the file and would otherwise read again for every write that needs them (a
/// member's points balance, summed from the whole ledger; the audit chain's head), kept in memory between transactions.
/// Only the writer uses them, inside its transactions: a value read or changed in a transaction is held apart and
/// becomes the kept one when that transaction commits; a rollback forgets it. A value nobody kept is read from the
/// file, which has every change, so a change to an unknown key needs nothing. At most <c>capacity</c> keys are kept,
/// the least recently used going first. Outside a writer transaction (start-up upgrades) a change drops the kept value.
/// </summary>
internal sealed class WriterKeptValues<TValue>(int capacity)
{
    sealed class Kept(TValue value)
    {
        public TValue Value { get; } = value;
        public long LastUsed = Stopwatch.GetTimestamp();
    }

    readonly BoundedEntries<Kept> _kept = new(capacity, long.MaxValue, _ => 0, k => k.LastUsed);
    readonly Dictionary<string, TValue> _inTransaction = new(StringComparer.Ordinal);
    bool _endHooked;

    public int Count => _kept.Count;

    /// <summary>The value as the current transaction sees it: held, kept, or read (<paramref name="read"/> sees the transaction's own writes).</summary>
    public TValue Get(string key, Func<TValue> read)
    {
        if (!LiteDbWriter.InTransaction) return read();
        if (_inTransaction.TryGetValue(key, out var value)) return value;
        if (_kept.TryGetValue(key, out var kept))
        {
            kept.LastUsed = Stopwatch.GetTimestamp();
            value = kept.Value;
        }
        else value = read();
        Hold(key, value);
        return value;
    }

    /// <summary>Records a write's effect on a known value; call it after the write succeeded.</summary>
    public void Change(string key, Func<TValue, TValue> change)
    {
        if (_inTransaction.TryGetValue(key, out var value)) Hold(key, change(value));
        else if (_kept.TryGetValue(key, out var kept)) Hold(key, change(kept.Value));
    }

    /// <summary>The value after a write that determines it whole.</summary>
    public void Set(string key, TValue value) => Hold(key, value);

    /// <summary>Forgets every kept value (the file was changed by something other than the writer's transactions).</summary>
    public void Clear()
    {
        foreach (var kept in _kept.Snapshot()) _kept.Remove(kept);
    }

    void Hold(string key, TValue value)
    {
        if (!LiteDbWriter.InTransaction)
        {
            if (_kept.TryGetValue(key, out var kept)) _kept.Remove(new(key, kept));
            return;
        }
        _inTransaction[key] = value;
        if (_endHooked) return;
        _endHooked = true;
        LiteDbWriter.AfterTransaction(End);
    }

    void End(bool committed)
    {
        if (committed)
        {
            foreach (var (key, value) in _inTransaction) _kept.Set(key, new Kept(value));
            _kept.EvictOldest();
        }
        _inTransaction.Clear();
        _endHooked = false;
    }
}
