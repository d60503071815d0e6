using RuleEngine.Scripting;

namespace RuleEngine.Core.Tests.Triggers;

/// <summary>The <c>trigger:</c> header: read without compiling, several kinds, and a clear error on the header line at fault.</summary>
public sealed class TriggerHeaderTests
{
    [Fact]
    public void Trigger_header_lists_orders_customers_and_event_types()
    {
        var (header, diagnostics) = RuleHeaderParser.Parse(
            "// kind: reward\n// schedule: 0 0 3 * * ?\n// trigger: orders, Events:complaint, customers, orders\nvar x = 1;\n", "p.csx");

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Equal(["orders", "events:complaint", "customers"], header!.Triggers);
        Assert.Equal("0 0 3 * * ?", header.Schedule);
    }

    [Fact]
    public void Rule_without_trigger_has_none()
    {
        var (header, _) = RuleHeaderParser.Parse("// kind: reward\nvar x = 1;\n", "p.csx");

        Assert.Empty(header!.Triggers);
    }

    [Theory]
    [InlineData("// trigger: payments", "Unknown trigger 'payments'")]
    [InlineData("// trigger: events:", "Unknown trigger 'events:'")]
    [InlineData("// trigger: events:sign in", "Unknown trigger 'events:sign in'")]
    [InlineData("// trigger:", "The trigger header is empty")]
    public void Bad_trigger_is_an_error_on_its_line(string line, string message)
    {
        var (header, diagnostics) = RuleHeaderParser.Parse($"// kind: reward\n{line}\nvar x = 1;\n", "p.csx");

        Assert.Null(header);
        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Contains(message, error.Message);
        Assert.Equal(("p.csx", 2), (error.Path, error.Line));
    }
}
