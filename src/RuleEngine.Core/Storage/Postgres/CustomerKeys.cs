using System.Text;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// "The rows of these customers" as SQL: <c>customer_id = ANY($n) AND customer_id BETWEEN $n+1 AND $n+2</c>. The bounds
/// change no result; they are there for the planner. A table analyzed while it was empty (a fresh database's first run)
/// has no statistics, so PostgreSQL takes a 500-key <c>ANY</c> to match every row and scans the whole table once per
/// page: 10–57 ms a page at 150,000 segment rows, growing as the run fills the table (5.5 s of a 14.5 s run of 100,000
/// customers). A closed range it estimates as narrow even without statistics, so it probes the customer index with
/// every key; with statistics it estimates both right.
/// </summary>
internal static class CustomerKeys
{
    /// <param name="first">The number of the first parameter the filter uses ($first … $first+2).</param>
    public static (string Filter, object?[] Values) Filter(IEnumerable<string> customerIds, string column = "customer_id", int first = 1)
    {
        var ids = customerIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) throw new ArgumentException("No customers to filter by.", nameof(customerIds));
        string low = ids[0], high = ids[0];
        foreach (var id in ids)
        {
            if (InDatabaseOrder(id, low) < 0) low = id;
            if (InDatabaseOrder(id, high) > 0) high = id;
        }
        return ($"{column} = ANY(${first}) AND {column} BETWEEN ${first + 1} AND ${first + 2}", [ids, low, high]);
    }

    /// <summary>
    /// The order of the id columns' collation "C": UTF-8 bytes, that is code points. .NET's ordinal order compares UTF-16
    /// units, which differs for characters above U+FFFF against U+E000–U+FFFF: a bound taken that way could leave one out.
    /// </summary>
    static int InDatabaseOrder(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
