using RuleEngine.Domain;

namespace RuleEngine.Storage;

/// <summary>A customer with everything rules read about them.</summary>
public sealed record CustomerData(Customer Customer, IReadOnlyList<Order> Orders, IReadOnlyList<InteractionEvent> Events);

/// <summary>
/// Customers in id order, a page at a time, each with its orders and (unless told otherwise) events: how a rule run walks
/// a million customers without holding them all. Only one page is in memory at a time.
/// </summary>
public interface ICustomerStream
{
    /// <summary>
    /// Pages of at most <paramref name="pageSize"/> customers with ids greater than <paramref name="afterId"/>
    /// (null: from the start), so an interrupted run can resume after its last finished page.
    /// </summary>
    /// <param name="withEvents">False leaves every customer's events empty without reading them: for a rule that
    /// never reads events (events are the largest input).</param>
    IEnumerable<IReadOnlyList<CustomerData>> ReadPages(int pageSize, string? afterId = null, bool withEvents = true);

    /// <summary>The given customers (those that exist), in id order; for runs over a chosen few.</summary>
    IReadOnlyList<CustomerData> Read(IReadOnlyCollection<string> customerIds, bool withEvents = true);
}
