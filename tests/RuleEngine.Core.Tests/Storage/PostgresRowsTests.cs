using System.Text;
using System.Text.Json;
using RuleEngine.Domain;
using RuleEngine.Storage.Postgres;

namespace RuleEngine.Tests.Storage;

public class PostgresRowsTests
{
    [Fact]
    public void An_orders_items_are_written_by_hand_exactly_as_the_serializer_writes_them()
    {
        List<OrderItem>[] orders =
        [
            [],
            [new("SKU-1", "保湿面霜 \"50ml\"", 2, 129.00m), new("SKU-2", null, 1, 0.5m)],
            [new("a/b<c>&", "x\u0001y", int.MaxValue, -79228162514264337593543950335m)],
        ];

        foreach (var items in orders)
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(items, PostgresSql.Json)),
                Encoding.UTF8.GetString(PostgresRows.ItemsJson(items)));
    }

    [Fact]
    public void The_hand_written_items_cover_every_property_an_item_has() =>
        Assert.Equal(["Sku", "Name", "Quantity", "Price"], typeof(OrderItem).GetProperties().Select(p => p.Name).Where(n => n != "EqualityContract"));
}
