using System.Globalization;
using System.Text.Json;
using RuleEngine.Ingest.Mapping;

namespace RuleEngine.Tests.Ingest;

/// <summary>The fast reads of numbers and times give exactly what the general parsers give (value, scale, kind, refusal).</summary>
public class RowFieldsTests
{
    private static (RowFields Fields, List<string> Errors) Row(string json)
    {
        var errors = new List<string>();
        return (new RowFields(JsonDocument.Parse(json).RootElement, (field, message) => errors.Add($"{field}: {message}")), errors);
    }

    [Theory]
    [InlineData("129.00")]
    [InlineData("0.10")]
    [InlineData("12.5")]
    [InlineData("1e2")]
    [InlineData("1.50E+1")]
    [InlineData("-0.0")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.1234567890123456789012345678")]
    public void A_number_reads_as_the_text_parser_reads_it_scale_included(string number)
    {
        var expected = decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);

        var read = Row($"{{\"amount\":{number}}}").Fields.Decimal("amount");

        Assert.Equal(expected, read);
        Assert.Equal(expected.Scale, read!.Value.Scale);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("3.0", 3)]
    [InlineData("1e2", 100)]
    public void A_whole_number_may_be_written_any_way_json_allows(string number, int expected) =>
        Assert.Equal(expected, Row($"{{\"quantity\":{number}}}").Fields.Int("quantity"));

    [Theory]
    [InlineData("2026-11-22T08:00:00Z")]
    [InlineData("2026-11-22T08:00:00.5Z")]
    [InlineData("2026-11-22T08:00:00.1234567Z")]
    [InlineData("2024-02-29T23:59:59Z")]
    [InlineData("2026-11-22T08:00:00+08:00")]
    [InlineData("2026-11-22T08:00Z")]
    [InlineData("2026-11-22")]
    [InlineData(" 2026-11-22T08:00:00Z ")]
    [InlineData("2026-11-22T08:00:00")]
    [InlineData("2025-02-29T08:00:00Z")]
    [InlineData("2026-13-01T08:00:00Z")]
    [InlineData("2026-11-22T24:00:00Z")]
    [InlineData("2026-11-22T08:00:60Z")]
    [InlineData("2026-11-22T08:00:00.Z")]
    [InlineData("2026-11-22T08:00:00.12345678Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-11-22t08:00:00z")]
    [InlineData("2026-11-22T08:00:00\\u005A")]
    public void A_time_reads_as_the_general_parser_reads_it_or_is_refused_the_same(string text)
    {
        var unescaped = JsonDocument.Parse($"\"{text}\"").RootElement.GetString()!.Trim();
        DateTime? expected = DateTime.TryParseExact(unescaped, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

        var (fields, errors) = Row($"{{\"at\":\"{text}\"}}");
        var read = fields.Time("at");

        Assert.Equal(expected, read);
        Assert.Equal(expected?.Kind, read?.Kind);
        Assert.Equal(expected is null, errors.Count == 1);
    }

    [Fact]
    public void An_element_error_names_its_path_and_fails_the_row()
    {
        var (fields, errors) = Row("""{"items":[{"sku":"a"},{"quantity":"x"}]}""");

        var second = fields.Element("items", 1, fields.Get("items")!.Value[1]);
        second.Int("quantity");

        Assert.False(fields.Ok);
        Assert.Equal(["items[1].quantity: items[1]: 'quantity' must be a whole number, not 'x'."], errors);
    }
}
