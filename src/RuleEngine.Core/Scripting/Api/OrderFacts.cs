using System.Runtime.InteropServices;
using RuleEngine.Domain;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// The one definition of "spend", "order count" and "recency", shared by rules and population statistics.
/// Plain loops over the orders, no LINQ: these run for every customer of every run, and a rule calling
/// <c>SpendWithin</c> should cost no more than the same loop written by hand.
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
        foreach (var order in Span(orders))
        {
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
        var span = Span(orders);
        for (var i = span.Length - 1; i >= 0; i--)
            if (span[i].Status == OrderStatus.Paid && span[i].At <= now) return span[i];
        return null;
    }

    /// <summary>
    /// The orders as a span: no interface call and no bounds check per order. Runs and tests hand rules a
    /// <see cref="List{T}"/> (or an array); any other list is copied, which is correct, only slower.
    /// </summary>
    static ReadOnlySpan<Order> Span(IReadOnlyList<Order> orders) => orders switch
    {
        List<Order> list => CollectionsMarshal.AsSpan(list),
        Order[] array => array,
        _ => orders.ToArray(),
    };

    public static int? DaysSinceLastPaid(IReadOnlyList<Order> orders, DateTime now) =>
        LastPaid(orders, now) is { } last ? (int)(now - last.At).TotalDays : null;
}

/// <summary>Paid spend and order count over the last <see cref="Days"/> days, and the last paid order of all.</summary>
readonly record struct PaidWindow(int Days, decimal Spend, int Count, Order? LastPaid);
