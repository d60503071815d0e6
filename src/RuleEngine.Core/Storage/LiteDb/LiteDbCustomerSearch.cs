using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// Customer search by prefix on four indexes (id, name, e-mail, phone digits; see <see cref="CustomerSearchKeys"/>)
/// merged into one order of keys, or by segment on the open-stays index. Every read is an index range from the
/// cursor on, at most a page long, so a page costs the same at a thousand customers as at a million.
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
        return ByPrefix(query.Text?.Trim() ?? "", segment, after, page.SafeLimit);
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

    Page<Customer> ByPrefix(string text, string? segment, string? after, int limit)
    {
        var prefixes = Prefixes(text);
        // Each stream reads one index range past the cursor; a stream that filled its read may have more, so the
        // page stops at the smallest last key of those (what lies beyond it is not known yet).
        var streams = prefixes.Select(p => Read(p.Field, p.Prefix, after, limit + 1)).ToList();
        var boundary = streams.Where(s => s.Count > limit).Select(s => s[^1].Key).Min(StringComparer.Ordinal);
        var merged = streams.SelectMany(s => s)
            .Where(e => boundary is null || string.CompareOrdinal(e.Key, boundary) <= 0)
            .OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var items = new List<Customer>();
        string? last = null;
        foreach (var (key, document) in merged)
        {
            if (items.Count == limit) return new Page<Customer>(items, PageCursor.Encode(last!));
            last = key;
            // A customer found by several keys is shown once, at its first key: the same on every page.
            if (FirstKey(document, prefixes) != key) continue;
            if (segment is not null && !InSegment(segment, document["_id"].AsString)) continue;
            items.Add(InputBson.ToCustomer(document));
        }
        return new Page<Customer>(items, boundary is null ? null : PageCursor.Encode(boundary));
    }

    /// <summary>The id as written; name and e-mail lowercased; the phone's digits when the text could be part of a number.</summary>
    static List<(string Field, string Prefix)> Prefixes(string text)
    {
        var prefixes = new List<(string, string)> { ("_id", text) };
        if (text.Length == 0) return prefixes;
        if (CustomerSearchKeys.Text(text) is { } lower)
        {
            prefixes.Add((CustomerSearchKeys.Name, lower));
            prefixes.Add((CustomerSearchKeys.Email, lower));
        }
        if (text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')') && CustomerSearchKeys.Digits(text) is { } digits)
            prefixes.Add((CustomerSearchKeys.Phone, digits));
        return prefixes;
    }

    List<(string Key, BsonDocument Document)> Read(string field, string prefix, string? after, int count)
    {
        var from = after is not null && string.CompareOrdinal(after + "\0", prefix) > 0 ? after + "\0" : prefix;
        return Customers.Find(LiteDbQuery.Between(field, from, prefix + End), limit: count)
            .Select(d => (Key: d[field].AsString, Document: d)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    static string? FirstKey(BsonDocument document, List<(string Field, string Prefix)> prefixes) =>
        prefixes.Select(p => document[p.Field] is { IsString: true } key && key.AsString.StartsWith(p.Prefix, StringComparison.Ordinal) ? key.AsString : null)
            .OfType<string>().Min(StringComparer.Ordinal);

    bool InSegment(string segmentPrefix, string customerId) =>
        database.GetCollection(LiteDbCollections.Segments).Exists(LiteDbQuery.Equal("Open", segmentPrefix + customerId));
}
