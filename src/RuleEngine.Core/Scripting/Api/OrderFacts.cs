using RuleEngine.Domain;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// The one definition of "spend", "order count" and "recency", shared by rules and population statistics.
/// Plain loops over the list, no LINQ: these run for every customer of every run, and a rule calling
/// <c>SpendWithin</c> should cost what the same loop written by hand costs.
/// </summary>
static class OrderFacts
{
    public static IEnumerable<Order> PaidWithin(IReadOnlyList<Order> orders, DateTime now, int days)
    {
        var since = now.AddDays(-days);
        return orders.Where(o => o.Status == OrderStatus.Paid && o.At > since && o.At <= now);
    }

    /// <summary>Spend and count of paid orders in the window, and the last paid order, in one pass.</summary>
    public static PaidWindow Window(IReadOnlyList<Order> orders, DateTime now, int days)
    {
        var since = now.AddDays(-days);
        decimal spend = 0;
        var count = 0;
        Order? last = null;
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            if (order.Status != OrderStatus.Paid || order.At > now) continue;
            last = order;
            if (order.At <= since) continue;
            spend += order.Amount;
            count++;
        }
        return new PaidWindow(days, spend, count, last);
    }

    /// <summary>Orders are kept oldest first, so the last paid one is found from the end.</summary>
    public static Order? LastPaid(IReadOnlyList<Order> orders, DateTime now)
    {
        for (var i = orders.Count - 1; i >= 0; i--)
            if (orders[i].Status == OrderStatus.Paid && orders[i].At <= now) return orders[i];
        return null;
    }

    public static int? DaysSinceLastPaid(IReadOnlyList<Order> orders, DateTime now) =>
        LastPaid(orders, now) is { } last ? (int)(now - last.At).TotalDays : null;
}

/// <summary>Paid spend and order count over the last <see cref="Days"/> days, and the last paid order of all.</summary>
readonly record struct PaidWindow(int Days, decimal Spend, int Count, Order? LastPaid);
