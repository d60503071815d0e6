using RuleEngine.Editing;

namespace RuleEngine.Tests.Editing;

public class CompletionTests(EditorFixture fixture) : IClassFixture<EditorFixture>
{
    const string Header = "// kind: segmentation\n";

    async Task<IReadOnlyList<CompletionEntry>> At(string withCaret)
    {
        var (text, position) = Caret.Split(Header + withCaret);
        return await fixture.Editor.CompletionsAsync(text, position);
    }

    [Fact]
    public async Task A_started_name_offers_the_script_API_member_with_its_doc()
    {
        var items = await At("var tier = Segm|");

        var segment = Assert.Single(items, i => i.Label == "Segment");
        Assert.Equal("method", segment.Kind);
        Assert.Contains("string? RuleScript.Segment(string kind)", segment.Detail);
        Assert.Contains("current value of segment kind", segment.Documentation);
        Assert.Equal("Segment", segment.InsertText);
    }

    [Fact]
    public async Task Member_access_on_an_order_offers_its_time_with_type_and_doc()
    {
        var items = await At("var first = Orders[0].|");

        var at = Assert.Single(items, i => i.Label == "At");
        Assert.Contains("DateTime Order.At", at.Detail);
        Assert.Contains("UTC", at.Documentation);
        Assert.DoesNotContain(items, i => i.Label == "GetType");
    }

    [Theory]
    [InlineData("using System.IO;\nFile.|")]
    [InlineData("System.IO.File.|")]
    [InlineData("System.Diagnostics.Process.|")]
    [InlineData("typeof(string).|")]
    [InlineData("System.Threading.Thread.|")]
    public async Task A_banned_type_offers_none_of_its_members(string code)
    {
        var items = await At(code);

        Assert.Empty(items);
    }

    [Fact]
    public async Task Names_in_scope_offer_no_banned_type_namespace_or_keyword()
    {
        var items = (await At("var x = |")).Select(i => i.Label).ToHashSet();

        Assert.Contains("SpendWithin", items);
        Assert.Contains("Math", items);
        Assert.Contains("new", items);
        foreach (var banned in new[] { "Environment", "Console", "GC", "Activator", "Random", "Type", "AppDomain", "typeof", "stackalloc" })
            Assert.DoesNotContain(banned, items);
    }

    [Fact]
    public async Task The_System_namespace_offers_allowed_namespaces_only()
    {
        var items = (await At("System.|")).Select(i => i.Label).ToHashSet();

        Assert.Contains("Linq", items);
        Assert.Contains("Text", items);
        Assert.Contains("DateTime", items);
        foreach (var banned in new[] { "IO", "Net", "Diagnostics", "Reflection", "Threading", "Environment" })
            Assert.DoesNotContain(banned, items);
    }

    [Fact]
    public async Task Functions_from_a_loaded_helper_are_offered_as_they_compile()
    {
        var (text, position) = Caret.Split(Header + "#load \"../_shared/tiers.csx\"\nvar t = |");
        var items = await fixture.Editor.CompletionsAsync(text, position, "segmentation/membership-tier.csx");

        var tierLevel = Assert.Single(items, i => i.Label == "TierLevel");
        Assert.Contains("int TierLevel(string? tier)", tierLevel.Detail);
    }

    [Fact]
    public async Task A_position_outside_the_text_is_refused_naming_position_and_length()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Editor.CompletionsAsync("abc", 4));

        Assert.Contains("Position 4", error.Message);
        Assert.Contains("3 characters", error.Message);
    }
}
