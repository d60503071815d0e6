using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using RuleEngine.Domain;

namespace RuleEngine.Ingest.Mapping;

internal sealed class OrderRowMapper : IRowMapper<Order>
{
    public Order? Map(JsonElement row, Action<string, string> error)
    {
        var fields = new RowFields(row, error);
        var id = fields.Id("id");
        var customerId = fields.Id("customerId");
        var amount = fields.Decimal("amount", required: true);
        // A refund is a status, not a negative order: rules sum amounts of paid orders.
        if (amount < 0) fields.Error("amount", $"'amount' must not be negative ({amount}); mark refunds with status 'refunded'.");
        var at = fields.Time("at", required: true);
        var status = Status(fields);
        var items = Items(fields);
        var order = new Order
        {
            Id = id ?? "", CustomerId = customerId ?? "", Amount = amount ?? 0, Currency = fields.Text("currency") ?? "CNY",
            At = at ?? default, Channel = fields.Text("channel"), Status = status, RefundedAt = fields.Time("refundedAt"), Items = items,
        };
        return fields.Ok ? order : null;
    }

    public bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out Order? item) => OrderJson.TryRead(json, out item);

    public string IdOf(Order item) => item.Id;

    public string? CustomerIdOf(Order item) => item.CustomerId;

    private static OrderStatus Status(RowFields fields)
    {
        switch (fields.Text("status"))
        {
            case null or "paid": return OrderStatus.Paid;
            case "refunded": return OrderStatus.Refunded;
            case var text:
                fields.Error("status", $"'status' must be 'paid' or 'refunded', not '{text}'.");
                return OrderStatus.Paid;
        }
    }

    private static List<OrderItem> Items(RowFields row)
    {
        var items = row.Get("items");
        if (items is null) return [];
        if (items.Value.ValueKind != JsonValueKind.Array)
        {
            row.Error("items", "'items' must be an array of { sku, name?, quantity, price }.");
            return [];
        }
        var list = new List<OrderItem>(items.Value.GetArrayLength());
        var index = 0;
        foreach (var item in items.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                var prefix = $"items[{index}]";
                row.Error(prefix, $"'{prefix}' must be an object {{ sku, name?, quantity, price }}.");
                index++;
                continue;
            }
            var fields = row.Element("items", index++, item);
            var sku = fields.Text("sku", required: true);
            var quantity = fields.Int("quantity", required: true);
            if (quantity <= 0) fields.Error("quantity", $"'quantity' must be at least 1, not {quantity}.");
            var price = fields.Decimal("price", required: true);
            if (sku is not null && quantity > 0 && price is not null) list.Add(new OrderItem(sku, fields.Text("name"), quantity.Value, price.Value));
        }
        return list;
    }
}
