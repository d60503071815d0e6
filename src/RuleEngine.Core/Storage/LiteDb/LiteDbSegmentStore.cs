using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

public sealed class LiteDbSegmentStore(LiteDatabase database) : ISegmentStore
{
    private ILiteCollection<BsonDocument> Segments => database.GetCollection(LiteDbCollections.Segments);

    public IReadOnlyDictionary<string, string> CurrentFor(string customerId) =>
        HistoryFor(customerId).Where(m => m.LeftAt is null).ToDictionary(m => m.Kind, m => m.Value, StringComparer.Ordinal);

    public IReadOnlyList<SegmentMembership> HistoryFor(string customerId) =>
        Segments.Find(Query.EQ("CustomerId", customerId)).Select(OutcomeBson.ToMembership)
            .OrderBy(m => m.EnteredAt).ThenBy(m => m.LeftAt ?? DateTime.MaxValue).ToList();

    public IReadOnlyList<SegmentSummary> Summaries()
    {
        // Walks only the open stays' index keys, not the documents.
        var counts = new Dictionary<(string Kind, string Value), long>();
        foreach (var open in Segments.Query().Where("Open != null").Select("$.Open").ToEnumerable())
        {
            var parts = open["Open"].AsString.Split('|', 3);
            var key = (parts[0], parts[1]);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts.Select(c => new SegmentSummary(c.Key.Kind, c.Key.Value, c.Value))
            .OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal).ToList();
    }

    public Page<string> Members(string kind, string value, PageRequest page)
    {
        var prefix = OutcomeBson.OpenKey(kind, value, "");
        var after = PageCursor.Decode(page.Cursor);
        var from = after is null ? Query.GTE("Open", prefix) : Query.GT("Open", prefix + after);
        var ids = Segments.Find(Query.And(from, Query.LT("Open", prefix + char.MaxValue)), limit: page.SafeLimit + 1)
            .Select(d => d["CustomerId"].AsString).ToList();
        return PageCursor.ToPage(ids, page.SafeLimit, id => id);
    }
}
