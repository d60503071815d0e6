using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// A page of customers by id, then their orders and (when asked for) events with one range scan each over the
/// CustomerId index (from the page's first to its last id), so a page costs three index scans whatever its size.
/// Chosen customers (a triggered batch) are three queries too: the ids as one array parameter, never one call per id;
/// their profiles, orders and events come from the <see cref="ActivityCache"/> when it has them, and only the others are read.
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
        if (cache is not { Capacity: > 0 })
        {
            var found = Profiles(ids);
            return found.Count == 0 ? [] : Attach(found, LiteDbQuery.In("CustomerId", found.Select(c => c.Id)), withEvents);
        }
        var result = new List<CustomerData>(ids.Count);
        var stamps = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (cache.TryGet(id, withEvents, out var held)) result.Add(held);
            else stamps[id] = cache.StampOf(id); // stamped before the read
        }
        if (stamps.Count > 0 && Profiles(stamps.Keys) is { Count: > 0 } missed)
        {
            foreach (var read in Attach(missed, LiteDbQuery.In("CustomerId", missed.Select(c => c.Id)), withEvents))
            {
                result.Add(read);
                cache.Put(read.Customer, stamps[read.Customer.Id], read.Orders, withEvents ? read.Events : null);
            }
        }
        return result.OrderBy(c => c.Customer.Id, StringComparer.Ordinal).ToList();
    }

    List<Customer> Profiles(IEnumerable<string> ids) =>
        database.GetCollection(LiteDbCollections.Customers).Find(LiteDbQuery.In("_id", ids)).Select(InputBson.ToCustomer).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();

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
