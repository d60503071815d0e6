using RuleEngine.Scripting;

namespace RuleEngine.Tests.Scripting;

/// <summary>#load stays inside the rules folder and #r is never allowed.</summary>
public class EscapeTests
{
    [Theory]
    [InlineData("escape/load-outside.csx", RuleDiagnosticIds.LoadOutsideRules)]
    [InlineData("escape/load-absolute.csx", RuleDiagnosticIds.LoadOutsideRules)]
    [InlineData("escape/reference.csx", RuleDiagnosticIds.ReferenceRefused)]
    [InlineData("escape/load-missing.csx", RuleDiagnosticIds.LoadNotFound)]
    public void Directive_that_escapes_is_refused_on_its_line(string fixture, string id)
    {
        var result = ScriptFixtures.Compile(fixture);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal((fixture, 2, 1), (error.Path, error.Line, error.Column));
    }

    [Fact]
    public void Load_inside_the_rules_folder_brings_the_helper_in()
    {
        var result = ScriptFixtures.Compile("good/uses-helper.csx");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["_shared/money.csx"], result.Sources.Loaded.Select(f => f.Path));
        var (error, context) = ScriptFixtures.Run(result, Some.Context([Some.Order(12_000m, 3)]));
        Assert.Null(error);
        Assert.Equal("gold", Assert.IsType<RuleEngine.Scripting.Api.SegmentOutcome>(Assert.Single(context.Outcomes)).Value);
    }
}
