using System.Globalization;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// The numbers kept beside the records so that nothing counts records per request: members per segment value, net
/// moves per segment kind and UTC day (a two-year trend reads 730 small rows per kind), points earned, spent and expired
/// per UTC day. A batch sums its changes here and writes one delta per key touched, in the same transaction as the
/// records themselves, so the two can never drift.
/// </summary>
public sealed class OutcomeTallies
{
    readonly Dictionary<(string Kind, string Value), long> _members = [];
    readonly Dictionary<(string Kind, string Day), Dictionary<string, long>> _segmentDays = [];
    readonly Dictionary<string, PointsDay> _pointsDays = new(StringComparer.Ordinal);

    public void Entered(string kind, string value, DateTime at) => Move(kind, value, at, +1);

    public void Left(string kind, string value, DateTime at) => Move(kind, value, at, -1);

    public void Points(PointsEntryType type, long delta, DateTime at)
    {
        var day = Day(at);
        _pointsDays[day] = _pointsDays.GetValueOrDefault(day).Plus(type, delta);
    }

    void Move(string kind, string value, DateTime at, long delta)
    {
        _members[(kind, value)] = _members.GetValueOrDefault((kind, value)) + delta;
        if (!_segmentDays.TryGetValue((kind, Day(at)), out var moves)) _segmentDays[(kind, Day(at))] = moves = new Dictionary<string, long>(StringComparer.Ordinal);
        moves[value] = moves.GetValueOrDefault(value) + delta;
    }

    /// <summary>The deltas summed so far, one write per key (those that add up to nothing left out).</summary>
    public IEnumerable<OutcomeWrite> Writes()
    {
        foreach (var ((kind, value), delta) in _members)
            if (delta != 0) yield return new SegmentMembersChanged(kind, value, delta);
        foreach (var ((kind, day), moves) in _segmentDays)
            if (moves.Values.Any(d => d != 0)) yield return new SegmentDayMoved(kind, day, moves);
        foreach (var (day, flow) in _pointsDays)
            if (flow != default) yield return new PointsDayAdded(day, flow);
    }

    /// <summary>The UTC day an instant counts on, "yyyy-MM-dd" (ISO dates sort in day order).</summary>
    public static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
