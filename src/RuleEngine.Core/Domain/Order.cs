namespace RuleEngine.Domain;

/// <summary>A purchase. A refunded order keeps its amount; its status says it was refunded.</summary>
public sealed record Order
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required decimal Amount { get; init; }
    public string Currency { get; init; } = "CNY";
    /// <summary>When the order was placed (UTC).</summary>
    /// <remarks>A <see cref="DateTime"/> with <c>Kind == DateTimeKind.Utc</c>. A rule sees orders with <c>At &lt;= Now</c>: one placed exactly at the run's as-of instant counts.</remarks>
    public required DateTime At { get; init; }
    public string? Channel { get; init; }
    public OrderStatus Status { get; init; } = OrderStatus.Paid;
    /// <summary>When the refund happened (UTC), if the order was refunded.</summary>
    public DateTime? RefundedAt { get; init; }
    public IReadOnlyList<OrderItem> Items { get; init; } = [];
}

public enum OrderStatus { Paid, Refunded }

/// <summary>One line of an order.</summary>
public sealed record OrderItem(string Sku, string? Name, int Quantity, decimal Price);
