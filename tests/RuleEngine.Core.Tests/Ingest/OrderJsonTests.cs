using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RuleEngine.Demo;
using RuleEngine.Ingest.Mapping;

namespace RuleEngine.Tests.Ingest;

/// <summary>
/// The one-pass order reader against the general mapper, row by row: it takes the plain shape every exporter writes,
/// gives exactly the order the general way gives, and declines (to that way) every row it would not read the same.
/// </summary>
public class OrderJsonTests
{
    static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The general way's answer: the order (as JSON, to compare every field and item) or its errors.</summary>
    static (string? Order, List<string> Errors) General(string line)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(line);
        var order = new OrderRowMapper().Map(document.RootElement, (field, message) => errors.Add($"{field}: {message}"));
        return (order is null ? null : JsonSerializer.Serialize(order, Api), errors);
    }

    static string? Direct(string line) =>
        OrderJson.TryRead(Encoding.UTF8.GetBytes(line), out var order) ? JsonSerializer.Serialize(order, Api) : null;

    [Fact]
    public void Every_demo_order_is_read_in_one_pass_and_equals_the_general_mapping()
    {
        var lines = new DemoDataGenerator().Generate(400).SelectMany(c => c.Orders).Select(o => JsonSerializer.Serialize(o, Api)).ToList();
        Assert.True(lines.Count > 1_000);
        Assert.Contains(lines, l => l.Contains("\"refunded\"", StringComparison.Ordinal));

        foreach (var line in lines)
        {
            var direct = Direct(line);
            Assert.NotNull(direct);
            Assert.Equal(General(line).Order, direct);
        }
    }

    const string Base = """{"id":"o1","customerId":"c1","amount":129.00,"currency":"CNY","at":"2026-11-22T08:00:00Z","channel":"web","status":"paid","items":[{"sku":"s1","name":"Tea","quantity":2,"price":64.50}]}""";

    static string With(string from, string to)
    {
        Assert.Contains(from, Base, StringComparison.Ordinal);
        return Base.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Rows the one-pass reader must take itself (the usual variations of the plain shape).</summary>
    public static TheoryData<string> Plain() =>
    [
        Base,
        " " + Base + " \t",
        With("\"currency\":\"CNY\",", ""),
        With("\"currency\":\"CNY\"", "\"currency\":\"\""),
        With("\"currency\":\"CNY\"", "\"currency\":null"),
        With("\"channel\":\"web\"", "\"channel\":\" web \""),
        With("\"status\":\"paid\"", "\"status\":\"refunded\",\"refundedAt\":\"2026-11-23T09:30:00.125Z\""),
        With("\"status\":\"paid\"", "\"status\":null,\"refundedAt\":null"),
        With("\"items\":[{\"sku\":\"s1\",\"name\":\"Tea\",\"quantity\":2,\"price\":64.50}]", "\"items\":[]"),
        With("\"items\":[{\"sku\":\"s1\",\"name\":\"Tea\",\"quantity\":2,\"price\":64.50}]", "\"items\":null"),
        With("\"name\":\"Tea\"", "\"name\":null,\"colour\":{\"a\":[1,{\"b\":2}]},\"tags\":[]"),
        With("\"id\":\"o1\"", "\"id\":\" o1 \",\"meta\":{\"x\":[1,2,{\"y\":null}]},\"note\":\"a\",\"note\":\"b\""),
        With("129.00", "1e2"),
        With("129.00", "-0.0"),
        With("129.00", "0.1234567890123456789012345678"),
        With("\"channel\":\"web\"", "\"channel\":\"caf\\u00e9 \\\"A\\\"\""),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":\"2024-02-29T23:59:59.1234567Z\""),
        With("\"price\":64.50", "\"price\":-1"),
        With("\"id\":\"o1\"", "\"id\":\"o\\u0031\""),
        With("\"id\":\"o1\"", $"\"id\":\"{new string('x', RowFields.MaxIdLength)}\""),
    ];

    [Theory]
    [MemberData(nameof(Plain))]
    public void A_plain_row_is_read_in_one_pass_as_the_general_way_reads_it(string line)
    {
        var general = General(line);
        Assert.Empty(general.Errors);
        Assert.Equal(general.Order, Direct(line));
    }

    /// <summary>Rows the general way must decide: it accepts some (numbers as text, other time formats) and refuses others.</summary>
    public static TheoryData<string> Unusual() =>
    [
        With("129.00", "\"129.00\""),
        With("129.00", "-5"),
        With("129.00", "1e40"),
        With("129.00", "null"),
        With("\"amount\":129.00,", ""),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":\"2026-11-22T08:00:00+08:00\""),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":\"2026-11-22\""),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":\"\\u0032026-11-22T08:00:00Z\""),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":\"yesterday\""),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":null"),
        With("\"id\":\"o1\"", "\"id\":17"),
        With("\"id\":\"o1\"", "\"id\":\"  \""),
        With("\"id\":\"o1\"", "\"id\":null"),
        With("\"id\":\"o1\"", $"\"id\":\"{new string('x', RowFields.MaxIdLength + 1)}\""),
        With("\"id\":\"o1\"", "\"id\":\"o1\",\"id\":\"o2\""),
        With("\"id\":\"o1\"", "\"i\\u0064\":\"o2\""),
        With("\"customerId\":\"c1\",", ""),
        With("\"status\":\"paid\"", "\"status\":\"Paid\""),
        With("\"status\":\"paid\"", "\"status\":\"cancelled\""),
        With("\"status\":\"paid\"", "\"status\":1"),
        With("\"channel\":\"web\"", "\"channel\":\"\\ud800\""),
        With("\"channel\":\"web\"", "\"channel\":true"),
        With("\"currency\":\"CNY\"", "\"currency\":[\"CNY\"]"),
        With("\"quantity\":2", "\"quantity\":0"),
        With("\"quantity\":2", "\"quantity\":\"2\""),
        With("\"quantity\":2", "\"quantity\":2.0"),
        With("\"quantity\":2", "\"quantity\":3000000000"),
        With("\"price\":64.50", "\"price\":\"64.50\""),
        With("\"price\":64.50", "\"price\":null"),
        With("\"sku\":\"s1\"", "\"sku\":123"),
        With("\"sku\":\"s1\"", "\"sku\":\"\""),
        With("\"sku\":\"s1\",", ""),
        With("\"sku\":\"s1\"", "\"sku\":\"s1\",\"sku\":\"s2\""),
        With("[{\"sku\"", "[7,{\"sku\""),
        With("\"items\":[{\"sku\":\"s1\",\"name\":\"Tea\",\"quantity\":2,\"price\":64.50}]", "\"items\":{}"),
    ];

    [Theory]
    [MemberData(nameof(Unusual))]
    public void An_unusual_row_is_left_to_the_general_way(string line)
    {
        JsonDocument.Parse(line).Dispose(); // valid JSON: only its shape is unusual
        Assert.Null(Direct(line));
    }

    [Theory]
    [InlineData("{\"id\":\"o1\"")]
    [InlineData("{\"id\":\"o1\",}")]
    [InlineData(Base + " x")]
    [InlineData(Base + Base)]
    [InlineData("{/*c*/\"id\":\"o1\"}")]
    [InlineData("[1]")]
    public void Malformed_json_is_left_to_the_general_way_which_says_where(string line) => Assert.Null(Direct(line));
}
