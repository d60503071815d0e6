using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// A page of customers by id, then their orders and (when asked for) events with one range scan each over the
/// CustomerId index (from the page's first to its last id), so a page costs three index scans whatever its size.
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
        var customers = database.GetCollection(LiteDbCollections.Customers);
        var found = customerIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => customers.FindById(id)).OfType<BsonDocument>().Select(InputBson.ToCustomer).ToList();
        if (found.Count == 0) return [];
        return Attach(found, Query.In("CustomerId", found.Select(c => new BsonValue(c.Id))), withEvents);
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
