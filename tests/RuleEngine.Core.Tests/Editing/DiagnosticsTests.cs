using RuleEngine.Scripting;
using RuleEngine.Tests.Rules.Library;
using RuleEngine.Tests.Scripting;

namespace RuleEngine.Tests.Editing;

/// <summary>The editor's diagnostics are validate's: same compiler, same allow-list, same file:line:col, same order.</summary>
public class DiagnosticsTests(EditorFixture fixture) : IClassFixture<EditorFixture>
{
    public static TheoryData<string> Rules => new(RuleLibrary.RulePaths);

    public static TheoryData<string> Fixtures => new(
        new[] { "broken", "banned", "escape", "hostile" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(ScriptFixtures.Folder, folder), "*.csx", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(ScriptFixtures.Folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_gets_what_validate_reports(string path)
    {
        var text = File.ReadAllText(Path.Combine(fixture.Catalog.RulesRoot, path));
        var name = Path.GetFileNameWithoutExtension(path);

        var validated = fixture.Catalog.Validate(text, name).Diagnostics;
        var diagnosed = fixture.Editor.Diagnostics(text, path);

        Assert.Equal(validated, diagnosed);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_broken_or_refused_fixture_gets_what_compiling_reports(string path)
    {
        var (sources, readProblems) = new RuleSourceReader(ScriptFixtures.Folder).Read(path);

        var compiled = new RuleCompiler().Compile(sources, readProblems).Diagnostics;
        var diagnosed = new RuleCompiler().Diagnose(sources, readProblems);

        Assert.Equal(compiled, diagnosed);
        if (!path.StartsWith("hostile/", StringComparison.Ordinal)) Assert.Contains(diagnosed, d => d.IsError);
    }

    [Fact]
    public void A_draft_error_is_reported_at_its_line_and_column_in_its_file()
    {
        var diagnostics = fixture.Editor.Diagnostics("// kind: reward\nvar x = 1;\nint y = \"no\";\n", "rewards/draft.csx");

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(("CS0029", "rewards/draft.csx", 3, 9), (error.Id, error.Path, error.Line, error.Column));
    }

    [Fact]
    public void A_rule_name_as_path_resolves_its_loads_like_the_rule()
    {
        var text = File.ReadAllText(Path.Combine(fixture.Catalog.RulesRoot, "segmentation/membership-tier.csx"));

        Assert.DoesNotContain(fixture.Editor.Diagnostics(text, "segmentation/membership-tier.csx"), d => d.IsError);
        Assert.DoesNotContain(fixture.Editor.Diagnostics(text, "membership-tier"), d => d.IsError);
        // At the top of the rules folder, "../_shared" leads out of it.
        Assert.Contains(fixture.Editor.Diagnostics(text, "top-level-draft.csx"), d => d.Id == RuleDiagnosticIds.LoadOutsideRules);
    }

    [Theory]
    [InlineData("../outside.csx")]
    [InlineData("/etc/rule.csx")]
    [InlineData("rewards/rule.txt")]
    public void A_path_outside_the_rules_folder_is_refused(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => fixture.Editor.Diagnostics("// kind: reward\n", path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Text_over_the_rule_size_limit_is_refused()
    {
        var text = "// kind: reward\n" + new string('/', RuleSizeLimit.MaxBytes);

        var error = Assert.Throws<ArgumentException>(() => fixture.Editor.Diagnostics(text));

        Assert.Contains("256 KB", error.Message);
    }
}
