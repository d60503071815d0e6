using RuleEngine.Scripting;

namespace RuleEngine.Tests.Scripting;

/// <summary>Every compile-time failure mode is reported in the analyst's own file, line and column.</summary>
public class CompileDiagnosticsTests
{
    [Theory]
    [InlineData("broken/syntax-error.csx", "CS1525", 3, 12)]
    [InlineData("broken/type-error.csx", "CS0029", 2, 13)]
    [InlineData("broken/no-kind.csx", RuleDiagnosticIds.HeaderInvalid, 1, 1)]
    [InlineData("broken/bad-schedule.csx", RuleDiagnosticIds.HeaderInvalid, 2, 1)]
    public void Broken_rule_reports_the_error_where_the_analyst_wrote_it(string fixture, string id, int line, int column)
    {
        var result = ScriptFixtures.Compile(fixture);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((id, fixture, line, column), (error.Id, error.Path, error.Line, error.Column));
    }

    [Fact]
    public void Helper_file_with_statements_is_refused_in_the_helper()
    {
        var result = ScriptFixtures.Compile("broken/shared-with-statements.csx");

        Assert.Contains(result.Diagnostics, d => d.Id == RuleDiagnosticIds.SharedFileHasStatements
            && d.Path == "escape/statements-helper.csx" && d.Line == 2);
    }

    [Fact]
    public void Good_rule_compiles_with_its_header()
    {
        var result = ScriptFixtures.Compile("good/tier.csx");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(new RuleHeader("tier", Domain.RuleKind.Segmentation, "0 0 2 * * ?", "Asia/Shanghai",
            "Tier by 12-month spend.", "loyalty-team"), result.Header);
    }

    [Fact]
    public void Error_in_a_loaded_helper_names_the_helper_file()
    {
        var result = ScriptFixtures.CompileText("// kind: reward\nvar x = 1;\nint y = \"no\";\n", "segment/r.csx");

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(("segment/r.csx", 3, 9), (error.Path, error.Line, error.Column));
    }

    [Fact]
    public void Warnings_do_not_block_and_are_mapped()
    {
        var result = ScriptFixtures.CompileText("// kind: reward\n\nvar unused = 1;\n#pragma warning disable CS0219\n");

        Assert.True(result.Succeeded);
    }
}
