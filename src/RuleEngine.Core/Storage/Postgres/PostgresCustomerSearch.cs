using RuleEngine.Domain;

namespace RuleEngine.Storage.Postgres;

/// <summary>Customer search by prefix on the id and the three key indexes (<see cref="CustomerSearchMerge"/>), or by segment on the open-stays index.</summary>
public sealed class PostgresCustomerSearch(PostgresDatabase database) : ICustomerSearch
{
    const string End = "\uffff";

    public Page<Customer> Search(CustomerSearchQuery query, PageRequest page)
    {
        var after = PageCursor.Decode(page.Cursor);
        var segment = query.SegmentKind is { } kind && query.SegmentValue is { } value ? (Kind: kind, Value: value) : ((string Kind, string Value)?)null;
        if (string.IsNullOrWhiteSpace(query.Text) && segment is { } s) return BySegment(s.Kind, s.Value, after, page.SafeLimit);
        return CustomerSearchMerge.ByPrefix(query.Text?.Trim() ?? "", after, page.SafeLimit, Read,
            segment is { } inside ? id => InSegment(inside.Kind, inside.Value, id) : null);
    }

    /// <summary>The segment's members in id order, with their profiles: one range of the open-stays index joined to customers.</summary>
    Page<Customer> BySegment(string kind, string value, string? after, int limit)
    {
        var customers = database.Read(c => c.Command($"""
            SELECT {Prefixed("c.")} FROM segments s JOIN customers c ON c.id = s.customer_id
            WHERE s.kind = $1 AND s.value = $2 AND s.is_open AND s.customer_id > $3 ORDER BY s.customer_id LIMIT $4
            """, kind, value, after ?? "", limit + 1).List(r => PostgresRows.ToCustomer(r)));
        return PageCursor.ToPage(customers, limit, c => c.Id);
    }

    IReadOnlyList<(string Key, Customer Customer)> Read(CustomerSearchMerge.Key key, string prefix, string from, int count)
    {
        var column = key switch
        {
            CustomerSearchMerge.Key.Id => "id",
            CustomerSearchMerge.Key.Name => "name_key",
            CustomerSearchMerge.Key.Email => "email_key",
            _ => "phone_key",
        };
        // "after\0" (the first key after a cursor) cannot be sent: PostgreSQL text holds no NUL, so it is "> after".
        var (op, bound) = from.EndsWith('\0') ? (">", from[..^1]) : (">=", from);
        return database.Read(c => c.Command(
                $"SELECT {PostgresRows.CustomerColumns} FROM customers WHERE {column} {op} $1 AND {column} <= $2 ORDER BY {column} LIMIT $3", bound, prefix + End, count)
            .List(r => PostgresRows.ToCustomer(r)))
            .Select(customer => (CustomerSearchMerge.KeyOf(customer, key)!, customer)).ToList();
    }

    bool InSegment(string kind, string value, string customerId) => database.Read(c =>
        c.Command("SELECT 1 FROM segments WHERE kind = $1 AND value = $2 AND customer_id = $3 AND is_open", kind, value, customerId).List(r => true).Count > 0);

    static string Prefixed(string alias) => string.Join(", ", PostgresRows.CustomerColumns.Split(", ").Select(c => alias + c));
}
