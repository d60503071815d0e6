using RuleEngine.Domain;

namespace RuleEngine.Scripting.Api;

/// <summary>The one definition of "spend", "order count" and "recency", shared by rules and population statistics.</summary>
static class OrderFacts
{
    public static IEnumerable<Order> PaidWithin(IEnumerable<Order> orders, DateTime now, int days)
    {
        var since = now.AddDays(-days);
        return orders.Where(o => o.Status == OrderStatus.Paid && o.At > since && o.At <= now);
    }

    public static Order? LastPaid(IEnumerable<Order> orders, DateTime now) =>
        orders.LastOrDefault(o => o.Status == OrderStatus.Paid && o.At <= now);

    public static int? DaysSinceLastPaid(IEnumerable<Order> orders, DateTime now) =>
        LastPaid(orders, now) is { } last ? (int)(now - last.At).TotalDays : null;
}
