using RuleEngine.Editing;
using RuleEngine.Rules.Testing;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;
using RuleEngine.Tests.Rules;

namespace RuleEngine.Tests.Editing;

/// <summary>A draft's given/expect cases, and failure messages that show every digit.</summary>
public class DraftTestsTests
{
    const string ScoreRule = "// kind: segmentation\nSetScore(\"risk\", 0.50000086, \"recent complaints\");\n";

    const string ScoreTests = """
        { "now": "2026-11-22T08:00:00Z", "cases": [
          { "name": "risk is one half", "expect": [ { "score": "risk", "is": 0.5, "tolerance": 1e-9 } ] } ] }
        """;

    [Fact]
    public void A_miss_of_860_nanos_is_visible_with_its_tolerance_at_full_precision()
    {
        var compilation = new RuleCompiler().Compile(RuleSources.FromText("risk.csx", ScoreRule));
        var loaded = LoadedRule.Load("risk", compilation.Sources.Hash, compilation.Assembly!);
        var (file, _) = RuleTestParser.Parse(new RuleFile("risk.tests.json", ScoreTests));

        var result = RuleTestRunner.Run(loaded, "risk", file!).Single();

        Assert.False(result.Passed);
        Assert.Contains("expected score risk = 0.5 ± 1E-09", result.Message);
        Assert.Contains("score risk = 0.50000086 [because: recent complaints]", result.Message);
        Assert.Equal(["score risk = 0.5 ± 1E-09"], result.Expected);
        Assert.Equal(["score risk = 0.50000086 [because: recent complaints]"], result.Actual);
    }

    [Fact]
    public async Task A_draft_is_tested_against_the_tests_file_beside_the_rule_and_the_live_version_is_untouched()
    {
        using var folder = new CatalogFolder();
        folder.Write("risk.csx", ScoreRule.Replace("0.50000086", "0.5", StringComparison.Ordinal));
        folder.Write("risk.tests.json", ScoreTests);
        var catalog = folder.NewCatalog();
        await catalog.SyncAsync();
        var tests = new DraftTests(catalog);

        var live = tests.Run("risk", null)!;
        var draft = tests.Run("risk", ScoreRule)!;

        Assert.True(live.Passed);
        Assert.Equal(catalog.Find("risk")!.Active!.Hash, live.Version);
        Assert.Equal(("draft", false, "risk.tests.json"), (draft.Version, draft.Passed, draft.TestsFile));
        Assert.True(catalog.Find("risk")!.Active is not null);
    }

    [Fact]
    public async Task A_draft_that_does_not_compile_cannot_run_and_says_why_and_an_unknown_rule_is_null()
    {
        using var folder = new CatalogFolder();
        folder.Write("risk.csx", ScoreRule);
        var catalog = folder.NewCatalog();
        await catalog.SyncAsync();
        var tests = new DraftTests(catalog);

        var broken = tests.Run("risk", "// kind: segmentation\nint x = \"no\";\n")!;

        Assert.False(broken.Runnable);
        Assert.Contains(broken.Diagnostics, d => d.Id == "CS0029" && d.Line == 2);
        Assert.Null(tests.Run("unknown", null));
    }
}
