using System.Text;
using System.Text.Json;
using RuleEngine.Demo;
using RuleEngine.Ingest.Mapping;

namespace RuleEngine.Tests.Ingest;

/// <summary>The one-pass event reader against the general mapper, row by row (as <see cref="OrderJsonTests"/> for orders).</summary>
public class EventJsonTests
{
    static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web);

    static (string? Event, List<string> Errors) General(string line)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(line);
        var read = new EventRowMapper().Map(document.RootElement, (field, message) => errors.Add($"{field}: {message}"));
        return (read is null ? null : JsonSerializer.Serialize(read, Api), errors);
    }

    static string? Direct(string line) =>
        EventJson.TryRead(Encoding.UTF8.GetBytes(line), out var read) ? JsonSerializer.Serialize(read, Api) : null;

    [Fact]
    public void Every_demo_event_is_read_in_one_pass_and_equals_the_general_mapping()
    {
        var lines = new DemoDataGenerator().Generate(300).SelectMany(c => c.Events).Select(e => JsonSerializer.Serialize(e, Api)).ToList();
        Assert.True(lines.Count > 1_000);
        Assert.Contains(lines, l => l.Contains("\"properties\":{\"", StringComparison.Ordinal));

        foreach (var line in lines)
        {
            var direct = Direct(line);
            Assert.NotNull(direct);
            Assert.Equal(General(line).Event, direct);
        }
    }

    const string Base = """{"id":"e1","customerId":"c1","type":"signin","at":"2026-11-22T08:00:00Z","properties":{"channel":"app","count":3,"first":true}}""";

    static string With(string from, string to)
    {
        Assert.Contains(from, Base, StringComparison.Ordinal);
        return Base.Replace(from, to, StringComparison.Ordinal);
    }

    public static TheoryData<string> Plain() =>
    [
        Base,
        With(",\"properties\":{\"channel\":\"app\",\"count\":3,\"first\":true}", ""),
        With("\"properties\":{", "\"properties\":null,\"x\":{"),
        With("\"channel\":\"app\"", "\"channel\":\" app \",\"channel\":\"web\",\"gone\":null,\"caf\\u00e9\":1.50,\"no\":false"),
        With("\"type\":\"signin\"", "\"type\":\" visit \",\"properties2\":[1,{\"a\":2}]").Replace("\"count\":3", "\"prescriptionDays\":\"30\""),
        With("\"type\":\"signin\"", "\"type\":\"visit\"").Replace("\"count\":3", "\"prescriptionDays\":30"),
        With("\"id\":\"e1\"", "\"id\":\"e\\u0031\""),
    ];

    [Theory]
    [MemberData(nameof(Plain))]
    public void A_plain_row_is_read_in_one_pass_as_the_general_way_reads_it(string line)
    {
        var general = General(line);
        Assert.Empty(general.Errors);
        Assert.Equal(general.Event, Direct(line));
    }

    public static TheoryData<string> Unusual() =>
    [
        With("\"type\":\"signin\"", "\"type\":7"),
        With("\"type\":\"signin\"", "\"type\":\"  \""),
        With("\"type\":\"signin\",", ""),
        With("\"type\":\"signin\"", "\"type\":\"visit\"").Replace("\"count\":3", "\"prescriptionDays\":0"),
        With("\"type\":\"signin\"", "\"type\":\"visit\"").Replace("\"count\":3", "\"prescriptionDays\":\"soon\""),
        With("\"count\":3", "\"count\":[3]"),
        With("\"count\":3", "\"count\":{\"n\":3}"),
        With("\"count\":3", "\"\\ud800\":3"),
        With("\"channel\":\"app\"", "\"channel\":\"\\ud800\""),
        With("\"properties\":{\"channel\":\"app\",\"count\":3,\"first\":true}", "\"properties\":[1]"),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":\"2026-11-22T08:00:00+08:00\""),
        With("\"at\":\"2026-11-22T08:00:00Z\"", "\"at\":null"),
        With("\"id\":\"e1\"", "\"id\":\"e1\",\"id\":\"e2\""),
        With("\"id\":\"e1\"", "\"id\":1"),
        With("\"customerId\":\"c1\",", ""),
    ];

    [Theory]
    [MemberData(nameof(Unusual))]
    public void An_unusual_row_is_left_to_the_general_way(string line)
    {
        JsonDocument.Parse(line).Dispose();
        Assert.Null(Direct(line));
    }
}
