namespace RuleEngine.Tests.Editing;

public class HoverTests(EditorFixture fixture) : IClassFixture<EditorFixture>
{
    [Fact]
    public async Task Hover_on_AwardPoints_shows_its_signature_and_doc()
    {
        var (text, position) = Caret.Split("// kind: reward\nAward|Points(10, \"k\", \"because\");\n");

        var markdown = await fixture.Editor.HoverAsync(text, position);

        Assert.NotNull(markdown);
        Assert.StartsWith("```csharp\n", markdown);
        Assert.Contains("void AwardPoints(long points, string reasonKey, string because)", markdown);
        Assert.Contains("Awards points once per reasonKey", markdown);
    }

    [Fact]
    public async Task Hover_on_a_refused_api_says_it_is_not_allowed()
    {
        var (text, position) = Caret.Split("// kind: reward\nvar t = System.IO.File.Read|AllText(\"x\");\n");

        var markdown = await fixture.Editor.HoverAsync(text, position);

        Assert.Contains("Not allowed in rules", markdown);
    }

    [Fact]
    public async Task Hover_on_whitespace_has_nothing_to_show()
    {
        var (text, position) = Caret.Split("// kind: reward\n\n|\nvar x = 1;\n");

        Assert.Null(await fixture.Editor.HoverAsync(text, position));
    }
}
