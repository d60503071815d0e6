using System.Globalization;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage;

/// <summary>Everything a customer's history is made of, as one backend read it.</summary>
public sealed record CustomerRecords(
    IEnumerable<SegmentMembership> Stays, IEnumerable<ScoreHistoryEntry> ScoreChanges, IEnumerable<PointsEntry> Points,
    IEnumerable<FollowUpTask> Tasks, IEnumerable<Coupon> Coupons, IEnumerable<DrawChanceEntry> DrawChances);

/// <summary>A customer's records merged into one history by time, the same on every backend.</summary>
public static class CustomerHistoryMerge
{
    public static IReadOnlyList<HistoryEntry> Merge(CustomerRecords records, DateTime? from, DateTime? to)
    {
        var entries = new List<HistoryEntry>();
        entries.AddRange(SegmentMoves(records.Stays));
        entries.AddRange(records.ScoreChanges.Select(s =>
            Entry("score", s.Source.At, s.Source, s.Explanation) with { Name = s.Name, From = Number(s.From), To = Number(s.To) }));
        entries.AddRange(records.Points.Select(p =>
            Entry("points", p.Source.At, p.Source, p.Explanation) with { Amount = p.Delta, Reason = p.Reason, Key = p.Key }));
        entries.AddRange(records.Tasks.Select(t =>
            Entry("task", t.CreatedAt, t.Source, t.Explanation) with
            {
                TaskType = t.Channel, Status = t.Status.ToString().ToLowerInvariant(), Key = t.Key, Due = t.Due,
            }));
        // Benefits: coupons (granted by rules, redeemed or won) and draw-chance entries (granted, bought, spent).
        entries.AddRange(records.Coupons.Select(c =>
            Entry("coupon", c.IssuedAt, c.Source, c.Explanation) with { Name = c.Template, To = c.Title, Key = c.Key, Reason = c.Origin }));
        entries.AddRange(records.DrawChances.Select(d =>
            Entry("draw_chance", d.Source.At, d.Source, d.Explanation) with { Name = d.Campaign, Amount = d.Delta, Key = d.Key }));
        return entries.Where(e => (from is null || e.At >= from) && (to is null || e.At <= to))
            .OrderBy(e => e.At).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.Kind ?? e.Name ?? e.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Stays as moves: entering a value comes from the value left at the same moment (else from none); a stay left
    /// without a next one is a move to none, made by the run that closed it.
    /// </summary>
    static IEnumerable<HistoryEntry> SegmentMoves(IEnumerable<SegmentMembership> stays)
    {
        foreach (var kind in stays.GroupBy(s => s.Kind))
        {
            var ordered = kind.OrderBy(s => s.EnteredAt).ThenBy(s => s.LeftAt ?? DateTime.MaxValue).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var stay = ordered[i];
                var before = ordered.LastOrDefault(p => p.LeftAt == stay.EnteredAt && p.LeftBy?.RunId == stay.EnteredBy.RunId && !ReferenceEquals(p, stay));
                yield return Entry("segment", stay.EnteredAt, stay.EnteredBy, stay.Explanation) with { Kind = kind.Key, From = before?.Value, To = stay.Value };
                if (stay is { LeftAt: { } left, LeftBy: { } by } && !ordered.Any(n => n.EnteredAt == left && n.EnteredBy.RunId == by.RunId && !ReferenceEquals(n, stay)))
                    yield return Entry("segment", left, by, null) with { Kind = kind.Key, From = stay.Value, To = null };
            }
        }
    }

    static HistoryEntry Entry(string type, DateTime at, OutcomeSource source, string? explanation) => new()
    {
        At = at, Type = type, Rule = source.Rule, VersionHash = source.RuleVersionHash, RunId = source.RunId, Explanation = explanation,
    };

    static string? Number(double? value) => value?.ToString(CultureInfo.InvariantCulture);
}
