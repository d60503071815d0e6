using RuleEngine.Server.Logging;

namespace RuleEngine.Server.Tests.Logging;

public class PersonalDataTests
{
    [Theory]
    [InlineData("Email")]
    [InlineData("customer_email")]
    [InlineData("PhoneNumber")]
    [InlineData("mobile")]
    [InlineData("Birthday")]
    [InlineData("DateOfBirth")]
    [InlineData("Name")]
    [InlineData("CustomerName")]
    [InlineData("lastName")]
    public void Properties_named_like_personal_data_are_sensitive(string name) => Assert.True(PersonalData.IsSensitiveProperty(name));

    [Theory]
    [InlineData("RuleName")]
    [InlineData("Actor")]
    [InlineData("CustomerId")]
    [InlineData("RemoteAddress")]
    [InlineData("SourceContext")]
    [InlineData("HealthCheckName")]
    [InlineData("address")]
    public void Operational_properties_are_kept(string name) => Assert.False(PersonalData.IsSensitiveProperty(name));

    [Theory]
    [InlineData("mail li.wei@example.cn now", "mail [redacted] now")]
    [InlineData("call +86 138 0013 8000", "call [redacted]")]
    [InlineData("call 13800138000.", "call [redacted].")]
    [InlineData("call 138-0013-8000 or 010-12345678", "call [redacted] or [redacted]")]
    [InlineData("call (555) 123-4567", "call [redacted]")]
    public void Emails_and_phone_numbers_in_text_are_replaced(string text, string expected) =>
        Assert.Equal(expected, PersonalData.RedactText(text));

    [Theory]
    [InlineData("as of 2026-11-22T08:00:00Z")]
    [InlineData("run 3f2a1c55-1234-5678-9012-123456789012")]
    [InlineData("processed 12345 of 67890 customers in 1234.5 ms")]
    [InlineData("version 10.0.100")]
    public void Dates_ids_and_counts_are_kept(string text) => Assert.Equal(text, PersonalData.RedactText(text));
}
