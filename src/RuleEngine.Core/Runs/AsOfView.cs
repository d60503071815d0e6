using RuleEngine.Domain;
using RuleEngine.Storage;

namespace RuleEngine.Runs;

/// <summary>
/// The data as it was at a point in time: customers who had not joined yet, and orders and events after it,
/// are invisible; an order refunded after it was still paid then.
/// </summary>
public static class AsOfView
{
    public static CustomerData? Of(CustomerData data, DateTime asOf)
    {
        if (data.Customer.JoinedAt > asOf) return null;
        var orders = data.Orders.Where(o => o.At <= asOf)
            .Select(o => o.Status == OrderStatus.Refunded && o.RefundedAt > asOf ? o with { Status = OrderStatus.Paid, RefundedAt = null } : o)
            .ToList();
        return data with { Orders = orders, Events = data.Events.Where(e => e.At <= asOf).ToList() };
    }
}
