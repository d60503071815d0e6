using System.Globalization;
using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// A customer's history from four reads on their CustomerId indexes (segment stays, score changes, points entries,
/// tasks), merged by time. Each read is one customer's documents, so the cost follows that customer's activity, not
/// the size of the store.
/// </summary>
public sealed class LiteDbCustomerHistory(LiteDatabase database) : ICustomerHistory
{
    public IReadOnlyList<HistoryEntry> For(string customerId, DateTime? from, DateTime? to)
    {
        var entries = new List<HistoryEntry>();
        entries.AddRange(SegmentMoves(ByCustomer(LiteDbCollections.Segments, customerId).Select(OutcomeBson.ToMembership)));
        entries.AddRange(ByCustomer(LiteDbCollections.ScoreHistory, customerId).Select(OutcomeBson.ToScoreHistory).Select(s =>
            Entry("score", s.Source.At, s.Source, s.Explanation) with { Name = s.Name, From = Number(s.From), To = Number(s.To) }));
        entries.AddRange(ByCustomer(LiteDbCollections.Points, customerId).Select(OutcomeBson.ToPoints).Select(p =>
            Entry("points", p.Source.At, p.Source, p.Explanation) with { Amount = p.Delta, Reason = p.Reason, Key = p.Key }));
        entries.AddRange(ByCustomer(LiteDbCollections.FollowUps, customerId).Select(FollowUpBson.ToTask).Select(t =>
            Entry("task", t.CreatedAt, t.Source, t.Explanation) with
            {
                TaskType = t.Channel, Status = t.Status.ToString().ToLowerInvariant(), Key = t.Key, Due = t.Due,
            }));
        return entries.Where(e => (from is null || e.At >= from) && (to is null || e.At <= to))
            .OrderBy(e => e.At).ThenBy(e => e.Type, StringComparer.Ordinal).ThenBy(e => e.Kind ?? e.Name ?? e.Key, StringComparer.Ordinal).ToList();
    }

    IEnumerable<BsonDocument> ByCustomer(string collection, string customerId) =>
        database.GetCollection(collection).Find(LiteDbQuery.Equal("CustomerId", customerId));

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
