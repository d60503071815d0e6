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

    public IReadOnlyList<SegmentMembership> HistoryFor(IReadOnlyCollection<string> customerIds) =>
        customerIds.Count == 0 ? [] : Segments.Find(LiteDbQuery.In("CustomerId", customerIds)).Select(OutcomeBson.ToMembership).ToList();

    /// <summary>From the counts kept with every segment change (Storage/Outcomes/OutcomeTallies): one small document per value.</summary>
    public IReadOnlyList<SegmentSummary> Summaries() =>
        database.GetCollection(LiteDbCollections.SegmentCounts).FindAll()
            .Select(d => new SegmentSummary(d["Kind"].AsString, d["Value"].AsString, d["Members"].AsInt64))
            .Where(s => s.Members > 0)
            .OrderBy(s => s.Kind, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal).ToList();

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
