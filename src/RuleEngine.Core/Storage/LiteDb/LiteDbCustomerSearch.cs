using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Customer search by prefix on four indexes (<see cref="CustomerSearchMerge"/>), or by segment on the open-stays
/// index. Every read is an index range from the cursor on, at most a page long.
/// </summary>
public sealed class LiteDbCustomerSearch(LiteDatabase database) : ICustomerSearch
{
    const string End = "\uffff";

    ILiteCollection<BsonDocument> Customers => database.GetCollection(LiteDbCollections.Customers);

    public Page<Customer> Search(CustomerSearchQuery query, PageRequest page)
    {
        var after = PageCursor.Decode(page.Cursor);
        var segment = query.SegmentKind is { } kind && query.SegmentValue is { } value ? OutcomeBson.OpenKey(kind, value, "") : null;
        if (string.IsNullOrWhiteSpace(query.Text) && segment is not null) return BySegment(segment, after, page.SafeLimit);
        return CustomerSearchMerge.ByPrefix(query.Text?.Trim() ?? "", after, page.SafeLimit, Read, segment is null ? null : id => InSegment(segment, id));
    }

    /// <summary>The segment's members in id order (the open-stays index), with their profiles.</summary>
    Page<Customer> BySegment(string prefix, string? after, int limit)
    {
        var from = after is null ? prefix : prefix + after + "\0";
        var ids = database.GetCollection(LiteDbCollections.Segments)
            .Find(LiteDbQuery.Between("Open", from, prefix + End), limit: limit + 1)
            .Select(d => d["CustomerId"].AsString).ToList();
        var customers = ids.Select(id => Customers.FindById(id)).OfType<BsonDocument>().Select(InputBson.ToCustomer).ToList();
        if (ids.Count <= limit) return new Page<Customer>(customers, null);
        return new Page<Customer>(customers.Where(c => string.CompareOrdinal(c.Id, ids[limit - 1]) <= 0).ToList(), PageCursor.Encode(ids[limit - 1]));
    }

    IReadOnlyList<(string Key, Customer Customer)> Read(CustomerSearchMerge.Key key, string prefix, string from, int count)
    {
        var field = key switch
        {
            CustomerSearchMerge.Key.Id => "_id",
            CustomerSearchMerge.Key.Name => CustomerSearchKeys.Name,
            CustomerSearchMerge.Key.Email => CustomerSearchKeys.Email,
            _ => CustomerSearchKeys.Phone,
        };
        return Customers.Find(LiteDbQuery.Between(field, from, prefix + End), limit: count)
            .Select(d => (Key: d[field].AsString, Customer: InputBson.ToCustomer(d))).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    bool InSegment(string segmentPrefix, string customerId) =>
        database.GetCollection(LiteDbCollections.Segments).Exists(LiteDbQuery.Equal("Open", segmentPrefix + customerId));
}
