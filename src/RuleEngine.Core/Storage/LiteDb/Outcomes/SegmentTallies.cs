using System.Globalization;
using LiteDB;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// The members of each segment value, kept as numbers beside the stays so that nothing has to count stays per request:
/// <c>segment_counts</c> holds the current members of each kind and value, <c>segment_days</c> one document per kind and
/// UTC day with the net change of members of each value that day (entered minus left): a trend over two years reads
/// 730 small documents per kind, whatever the number of values. A batch sums its moves here and writes one document per
/// key touched, staged with the stays themselves, so both land in the same writer transaction and can never drift.
/// </summary>
internal sealed class SegmentTallies
{
    readonly Dictionary<(string Kind, string Value), long> _members = [];
    readonly Dictionary<(string Kind, string Day), Dictionary<string, long>> _days = [];

    public void Entered(string kind, string value, DateTime at) => Add(kind, value, at, +1);

    public void Left(string kind, string value, DateTime at) => Add(kind, value, at, -1);

    void Add(string kind, string value, DateTime at, long delta)
    {
        _members[(kind, value)] = _members.GetValueOrDefault((kind, value)) + delta;
        var day = Day(at);
        if (!_days.TryGetValue((kind, day), out var values)) _days[(kind, day)] = values = new Dictionary<string, long>(StringComparer.Ordinal);
        values[value] = values.GetValueOrDefault(value) + delta;
    }

    /// <summary>Stages the new totals: read once per key (as the staged view sees them), written once per key.</summary>
    public void Stage(StagedDocuments documents)
    {
        foreach (var ((kind, value), delta) in _members)
        {
            if (delta == 0) continue;
            var id = CountId(kind, value);
            var members = documents.FindById(LiteDbCollections.SegmentCounts, id)?["Members"].AsInt64 ?? 0;
            documents.Upsert(LiteDbCollections.SegmentCounts, CountDocument(kind, value, members + delta));
        }
        foreach (var ((kind, day), deltas) in _days)
        {
            if (deltas.Values.All(d => d == 0)) continue;
            var moves = DayMoves(documents.FindById(LiteDbCollections.SegmentDays, DayId(kind, day)));
            foreach (var (value, delta) in deltas) moves[value] = moves.GetValueOrDefault(value) + delta;
            documents.Upsert(LiteDbCollections.SegmentDays, DayDocument(kind, day, moves));
        }
        _members.Clear();
        _days.Clear();
    }

    public static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"kind|value": a kind's values are one range of the _id index.</summary>
    public static string CountId(string kind, string value) => $"{kind}|{value}";

    /// <summary>"kind|day": a kind's days are one range, in day order (ordinal collation, ISO dates).</summary>
    public static string DayId(string kind, string day) => $"{kind}|{day}";

    public static BsonDocument CountDocument(string kind, string value, long members) => new()
    {
        ["_id"] = CountId(kind, value), ["Kind"] = kind, ["Value"] = value, ["Members"] = members,
    };

    /// <summary>Moves is value → net members entered that day (negative: more left).</summary>
    public static BsonDocument DayDocument(string kind, string day, IReadOnlyDictionary<string, long> moves)
    {
        var values = new BsonDocument();
        foreach (var (value, delta) in moves) values[value] = delta;
        return new BsonDocument { ["_id"] = DayId(kind, day), ["Kind"] = kind, ["Day"] = day, ["Moves"] = values };
    }

    public static Dictionary<string, long> DayMoves(BsonDocument? document) =>
        document?["Moves"] is { IsDocument: true } moves
            ? moves.AsDocument.ToDictionary(m => m.Key, m => m.Value.AsInt64, StringComparer.Ordinal)
            : new Dictionary<string, long>(StringComparer.Ordinal);
}
