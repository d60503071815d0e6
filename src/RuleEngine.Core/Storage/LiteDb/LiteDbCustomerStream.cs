using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// A page of customers by id, then their orders and (when asked for) events with one range scan each over the
/// CustomerId index (from the page's first to its last id), so a page costs three index scans whatever its size.
/// Chosen customers (a triggered batch) are three queries too: the ids as one array parameter, never one call per id.
/// </summary>
public sealed class LiteDbCustomerStream(LiteDatabase database) : ICustomerStream
{
    public IEnumerable<IReadOnlyList<CustomerData>> ReadPages(int pageSize, string? afterId = null, bool withEvents = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var customers = database.GetCollection(LiteDbCollections.Customers);
        while (true)
        {
            var page = (afterId is null ? customers.Find(Query.All("_id"), limit: pageSize) : customers.Find(LiteDbQuery.After("_id", afterId), limit: pageSize)).Select(InputBson.ToCustomer).ToList();
            if (page.Count == 0) yield break;
            yield return Attach(page, LiteDbQuery.Between("CustomerId", page[0].Id, page[^1].Id), withEvents);
            if (page.Count < pageSize) yield break;
            afterId = page[^1].Id;
        }
    }

    public IReadOnlyList<CustomerData> Read(IReadOnlyCollection<string> customerIds, bool withEvents = true)
    {
        var ids = customerIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return [];
        var found = database.GetCollection(LiteDbCollections.Customers).Find(LiteDbQuery.In("_id", ids))
            .Select(InputBson.ToCustomer).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        if (found.Count == 0) return [];
        return Attach(found, LiteDbQuery.In("CustomerId", found.Select(c => c.Id)), withEvents);
    }

    private List<CustomerData> Attach(List<Customer> page, BsonExpression byCustomer, bool withEvents)
    {
        var orders = database.GetCollection(LiteDbCollections.Orders).Find(byCustomer)
            .Select(InputBson.ToOrder).ToLookup(o => o.CustomerId, StringComparer.Ordinal);
        var events = withEvents
            ? database.GetCollection(LiteDbCollections.Events).Find(byCustomer)
                .Select(InputBson.ToEvent).ToLookup(e => e.CustomerId, StringComparer.Ordinal)
            : null;
        return page.Select(c => new CustomerData(
            c,
            orders[c.Id].OrderBy(o => o.At).ToList(),
            events is null ? [] : events[c.Id].OrderBy(e => e.At).ToList())).ToList();
    }
}
