using RuleEngine.Domain;

namespace RuleEngine.Scripting.Api;

/// <summary>Ready aggregates over the current customer's data, all relative to the run's clock.</summary>
public abstract partial class RuleScript
{
    /// <summary>Paid (not refunded) orders placed in the last <paramref name="days"/> days.</summary>
    public IEnumerable<Order> PaidOrdersWithin(int days) => OrderFacts.PaidWithin(Orders, Now, days);

    /// <summary>Total amount of paid orders in the last <paramref name="days"/> days.</summary>
    /// <remarks>A <c>decimal</c>: the orders with <c>Now - days &lt; At &lt;= Now</c> (an order exactly at Now counts).</remarks>
    public decimal SpendWithin(int days) => Context.PaidWindow(days).Spend;

    /// <summary>Number of paid orders in the last <paramref name="days"/> days.</summary>
    public int OrderCountWithin(int days) => Context.PaidWindow(days).Count;

    /// <summary>The first paid order, or null for a customer who never bought.</summary>
    public Order? FirstOrder => Orders.FirstOrDefault(o => o.Status == OrderStatus.Paid);

    /// <summary>The most recent paid order, or null for a customer who never bought.</summary>
    public Order? LastOrder => Context.LastPaid();

    /// <summary>Whole days since the last paid order, or null for a customer who never bought.</summary>
    public int? DaysSinceLastOrder => Context.LastPaid() is { } last ? (int)(Now - last.At).TotalDays : null;

    /// <summary>The customer's events of one type (see <see cref="EventTypes"/>), oldest first.</summary>
    public IEnumerable<InteractionEvent> EventsOfType(string type) =>
        Events.Where(e => string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Consecutive days up to today (or up to yesterday, if the customer has not signed in yet today)
    /// with at least one <c>signin</c> event, counted in UTC dates.
    /// </summary>
    public int SignInStreak
    {
        get
        {
            var days = EventsOfType(EventTypes.SignIn).Select(e => DateOnly.FromDateTime(e.At)).ToHashSet();
            var day = days.Contains(Today) ? Today : Today.AddDays(-1);
            var streak = 0;
            while (days.Contains(day))
            {
                streak++;
                day = day.AddDays(-1);
            }
            return streak;
        }
    }

    /// <summary>
    /// The customer's birthday in the current year (29 February falls on 28 February in other years),
    /// or null when no birthday is registered.
    /// </summary>
    public DateOnly? BirthdayThisYear => Customer.Birthday is { } b
        ? new DateOnly(Today.Year, b.Month, Math.Min(b.Day, DateTime.DaysInMonth(Today.Year, b.Month)))
        : null;
}
