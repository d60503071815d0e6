using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// A page of customers by id, then their orders and (when asked for) events with one range scan each over the
/// CustomerId index (from the page's first to its last id), so a page costs three index scans whatever its size.
/// Chosen customers (a triggered batch) are three queries too: the ids as one array parameter, never one call per id;
/// their orders and events come from the <see cref="ActivityCache"/> when it has them, and only the others are read.
/// </summary>
public sealed class LiteDbCustomerStream(LiteDatabase database, ActivityCache? cache = null) : ICustomerStream
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
        if (cache is not { Capacity: > 0 }) return Attach(found, LiteDbQuery.In("CustomerId", found.Select(c => c.Id)), withEvents);
        var result = new CustomerData?[found.Count];
        var misses = new List<(int Index, Customer Customer, long? Stamp)>();
        for (var i = 0; i < found.Count; i++)
        {
            if (cache.TryGet(found[i].Id, withEvents, out var orders, out var events)) result[i] = new CustomerData(found[i], orders, events);
            else misses.Add((i, found[i], cache.StampOf(found[i].Id))); // stamped before the read
        }
        if (misses.Count > 0)
        {
            var read = Attach(misses.Select(m => m.Customer).ToList(), LiteDbQuery.In("CustomerId", misses.Select(m => m.Customer.Id)), withEvents);
            for (var m = 0; m < misses.Count; m++)
            {
                result[misses[m].Index] = read[m];
                cache.Put(read[m].Customer.Id, misses[m].Stamp, read[m].Orders, withEvents ? read[m].Events : null);
            }
        }
        return result.Select(r => r!).ToList();
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
            orders[c.Id].OrderBy(o => o.At).ToArray(),
            events is null ? [] : events[c.Id].OrderBy(e => e.At).ToArray())).ToList();
    }
}
