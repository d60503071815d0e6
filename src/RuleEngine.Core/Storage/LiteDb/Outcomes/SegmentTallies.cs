using System.Globalization;
using LiteDB;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// The members of each segment value, kept as numbers beside the stays so that nothing has to count stays per request:
/// <c>segment_counts</c> holds the current members of each kind and value, <c>segment_days</c> the net change of members
/// per kind, value and UTC day (entered minus left that day). A batch sums its moves here and writes one document per
/// key touched, staged with the stays themselves, so both land in the same writer transaction and can never drift.
/// </summary>
internal sealed class SegmentTallies
{
    readonly Dictionary<(string Kind, string Value), long> _members = [];
    readonly Dictionary<(string Kind, string Day, string Value), long> _days = [];

    public void Entered(string kind, string value, DateTime at) => Add(kind, value, at, +1);

    public void Left(string kind, string value, DateTime at) => Add(kind, value, at, -1);

    void Add(string kind, string value, DateTime at, long delta)
    {
        _members[(kind, value)] = _members.GetValueOrDefault((kind, value)) + delta;
        var day = Day(at);
        _days[(kind, day, value)] = _days.GetValueOrDefault((kind, day, value)) + delta;
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
        foreach (var ((kind, day, value), delta) in _days)
        {
            if (delta == 0) continue;
            var id = DayId(kind, day, value);
            var net = documents.FindById(LiteDbCollections.SegmentDays, id)?["Delta"].AsInt64 ?? 0;
            documents.Upsert(LiteDbCollections.SegmentDays, DayDocument(kind, day, value, net + delta));
        }
        _members.Clear();
        _days.Clear();
    }

    public static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"kind|value": a kind's values are one range of the _id index.</summary>
    public static string CountId(string kind, string value) => $"{kind}|{value}";

    /// <summary>"kind|day|value": a kind's days are one range, in day order (ordinal collation, ISO dates).</summary>
    public static string DayId(string kind, string day, string value) => $"{kind}|{day}|{value}";

    public static BsonDocument CountDocument(string kind, string value, long members) => new()
    {
        ["_id"] = CountId(kind, value), ["Kind"] = kind, ["Value"] = value, ["Members"] = members,
    };

    public static BsonDocument DayDocument(string kind, string day, string value, long delta) => new()
    {
        ["_id"] = DayId(kind, day, value), ["Kind"] = kind, ["Day"] = day, ["Value"] = value, ["Delta"] = delta,
    };
}
