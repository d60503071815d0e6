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
        Segments.Find(LiteDbQuery.Equal("CustomerId", customerId)).Select(OutcomeBson.ToMembership)
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

    public Page<SegmentMember> Members(string kind, string value, PageRequest page)
    {
        var prefix = OutcomeBson.OpenKey(kind, value, "");
        var after = PageCursor.Decode(page.Cursor);
        // One index range: "\0" appended makes the lower bound the first key after the cursor's (ordinal collation).
        var from = after is null ? prefix : prefix + after + "\0";
        var members = Segments.Find(LiteDbQuery.Between("Open", from, prefix + char.MaxValue), limit: page.SafeLimit + 1)
            .Select(d => new SegmentMember(d["CustomerId"].AsString, d["EnteredAt"].AsDateTime, d["Explanation"].AsString)).ToList();
        return PageCursor.ToPage(members, page.SafeLimit, m => m.CustomerId);
    }
}
