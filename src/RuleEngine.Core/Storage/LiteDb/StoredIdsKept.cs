using System.Globalization;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Ids the writer knows are stored, for records that are never deleted (points entries): an outcome plan asks the file
/// only about the others. Each triggered batch of purchase-points proposes every order of a customer's 35 days, about
/// eight grants of which one is new, and asking the file about all of them was a tenth of the storage lock's time under
/// steady ingest (docs/performance.md, "Event triggers", session 20); the questions grew with each customer's history.
/// <para>
/// Writer thread only, inside its transactions: what a transaction found or wrote is held apart and known only once it
/// commits (a rollback forgets it; the file stays the truth). Ids of the 32-hex-digit form (outcome keys) are kept, as
/// 16-byte numbers; others are always asked about. At most <see cref="Capacity"/> ids (~14 MB); when full it starts
/// again empty, which costs only questions.
/// </para>
/// </summary>
internal sealed class StoredIdsKept
{
    public const int Capacity = 500_000;

    readonly HashSet<UInt128> _known = [];
    readonly HashSet<UInt128> _inTransaction = [];
    bool _endHooked;

    public int Count => _known.Count;

    /// <summary>True when the id is known to be stored (committed, or written by the current transaction).</summary>
    public bool IsKnown(string id) => LiteDbWriter.InTransaction && Parse(id) is { } key && (_known.Contains(key) || _inTransaction.Contains(key));

    /// <summary>The current transaction found or wrote these ids: known once it commits.</summary>
    public void Stored(IEnumerable<string> ids)
    {
        if (!LiteDbWriter.InTransaction) return;
        foreach (var id in ids)
            if (Parse(id) is { } key) _inTransaction.Add(key);
        if (_endHooked || _inTransaction.Count == 0) return;
        _endHooked = true;
        LiteDbWriter.AfterTransaction(End);
    }

    /// <summary>Forgets every id (the file was changed by something other than the writer's transactions).</summary>
    public void Clear() => _known.Clear();

    void End(bool committed)
    {
        if (committed)
        {
            if (_known.Count + _inTransaction.Count > Capacity) _known.Clear();
            _known.UnionWith(_inTransaction);
        }
        _inTransaction.Clear();
        _endHooked = false;
    }

    static UInt128? Parse(string id) =>
        id.Length == 32 && UInt128.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key) ? key : null;
}
