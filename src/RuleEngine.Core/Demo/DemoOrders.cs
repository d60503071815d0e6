using RuleEngine.Domain;

namespace RuleEngine.Demo;

internal static class DemoOrders
{
    private static readonly (string Sku, string Name, decimal Price)[] Products =
    [
        ("SKU-CREAM", "Moisturising cream", 189m), ("SKU-SERUM", "Repair serum", 329m), ("SKU-MASK", "Sheet masks x10", 99m),
        ("SKU-SUN", "Sunscreen", 159m), ("SKU-CLEAN", "Cleanser", 89m), ("SKU-KIT", "Gift kit", 599m),
    ];

    public static List<Order> Create(Random random, string customerId, DemoPersona persona, DateTime joined)
    {
        var from = joined > DemoDataGenerator.Since ? joined : DemoDataGenerator.Since;
        // Lapsed customers stopped buying half a year before the end of the history.
        var to = persona == DemoPersona.Lapsed ? DemoDataGenerator.Until.AddMonths(-6) : DemoDataGenerator.Until;
        var count = persona switch
        {
            DemoPersona.Heavy => random.Next(12, 30),
            DemoPersona.Regular => random.Next(4, 12),
            DemoPersona.Light => random.Next(0, 4),
            _ => random.Next(1, 5),
        };
        if (to <= from) count = 0;
        var orders = new List<Order>(count);
        for (var k = 0; k < count; k++)
        {
            var at = DemoDataGenerator.Between(random, from, to);
            var items = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Products[random.Next(Products.Length)])
                .Select(p => new OrderItem(p.Sku, p.Name, random.Next(1, 3), p.Price)).ToList();
            var refunded = random.Next(20) == 0;
            orders.Add(new Order
            {
                Id = $"o{customerId[1..]}-{k:D3}",
                CustomerId = customerId,
                Amount = items.Sum(i => i.Quantity * i.Price),
                At = at,
                Channel = random.Next(3) == 0 ? "store" : "online_shop",
                Status = refunded ? OrderStatus.Refunded : OrderStatus.Paid,
                RefundedAt = refunded ? Min(at.AddDays(random.Next(1, 15)), DemoDataGenerator.Until) : null,
                Items = items,
            });
        }
        return orders;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
