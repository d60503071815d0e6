using Npgsql;
using RuleEngine.Domain;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Customers by keyset pages (<c>id &gt; last ORDER BY id LIMIT n</c>), then the page's orders and events with one
/// range read each over their (customer_id, at) indexes, on one connection: three queries per page whatever its size.
/// </summary>
public sealed class PostgresCustomerStream(PostgresDatabase database) : ICustomerStream
{
    public IEnumerable<IReadOnlyList<CustomerData>> ReadPages(int pageSize, string? afterId = null, bool withEvents = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        while (true)
        {
            var page = database.Read(c =>
            {
                var customers = c.Command($"SELECT {PostgresRows.CustomerColumns} FROM customers WHERE $1::text IS NULL OR id > $1 ORDER BY id LIMIT $2",
                    afterId, pageSize).List(r => PostgresRows.ToCustomer(r));
                return customers.Count == 0 ? [] : Attach(c, customers, "customer_id BETWEEN $1 AND $2", [customers[0].Id, customers[^1].Id], withEvents);
            });
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            afterId = page[^1].Customer.Id;
        }
    }

    public IReadOnlyList<CustomerData> Read(IReadOnlyCollection<string> customerIds, bool withEvents = true)
    {
        var ids = customerIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) return [];
        return database.Read(c =>
        {
            var customers = c.Command($"SELECT {PostgresRows.CustomerColumns} FROM customers WHERE id = ANY($1) ORDER BY id", ids).List(r => PostgresRows.ToCustomer(r));
            if (customers.Count == 0) return [];
            var (filter, values) = CustomerKeys.Filter(customers.Select(x => x.Id));
            return Attach(c, customers, filter, values, withEvents);
        });
    }

    static List<CustomerData> Attach(NpgsqlConnection connection, List<Customer> customers, string filter, object?[] values, bool withEvents)
    {
        var orders = connection.Command($"SELECT {PostgresRows.OrderColumns} FROM orders WHERE {filter} ORDER BY customer_id, at, id", values)
            .List(PostgresRows.ToOrder).ToLookup(o => o.CustomerId, StringComparer.Ordinal);
        var events = withEvents
            ? connection.Command($"SELECT {PostgresRows.EventColumns} FROM events WHERE {filter} ORDER BY customer_id, at, id", values)
                .List(PostgresRows.ToEvent).ToLookup(e => e.CustomerId, StringComparer.Ordinal)
            : null;
        return customers.Select(c => new CustomerData(c, orders[c.Id].ToArray(), events is null ? [] : events[c.Id].ToArray())).ToList();
    }
}
