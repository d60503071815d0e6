using RuleEngine.Rules.Testing;
using RuleEngine.Scripting;

namespace RuleEngine.Tests.Rules.Library;

/// <summary>Every rule in rules/ compiles cleanly, has tests, and passes each of its given/expect cases.</summary>
public class RuleLibraryTests
{
    public static TheoryData<string> Rules() => new(RuleLibrary.RulePaths);

    /// <summary>One row per case of every rule's tests file: (rule path, case name).</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in RuleLibrary.RulePaths)
            foreach (var testCase in RuleLibrary.Tests(path).Cases)
                data.Add(path, testCase.Name);
        return data;
    }

    [Fact]
    public void The_library_has_rules_of_every_kind()
    {
        var kinds = RuleLibrary.RulePaths.Select(p => RuleLibrary.Compile(p).Compilation.Header?.Kind).Distinct().Count();
        Assert.True(RuleLibrary.RulePaths.Count >= 15, $"only {RuleLibrary.RulePaths.Count} rules in {RuleLibrary.Root}");
        Assert.Equal(3, kinds);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_compiles_without_errors_or_warnings(string path)
    {
        var (compilation, _) = RuleLibrary.Compile(path);
        Assert.True(compilation.Succeeded && compilation.Diagnostics.Count == 0, string.Join("\n", compilation.Diagnostics));
        var header = compilation.Header!;
        Assert.True(header is { Schedule: not null, TimeZone: not null, Description: not null, Owner: not null },
            $"{path}: the library's rules say when they run, in which time zone, what they do and who owns them");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Rule_has_a_tests_file_with_cases_for_its_edges(string path)
    {
        var tests = RuleLibrary.Tests(path);
        Assert.True(tests.Cases.Count >= 3, $"{path} has only {tests.Cases.Count} test cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_case_passes(string path, string caseName)
    {
        var (compilation, rule) = RuleLibrary.Compile(path);
        Assert.True(rule is not null, string.Join("\n", compilation.Diagnostics));
        var tests = RuleLibrary.Tests(path);
        var testCase = tests.Cases.Single(c => c.Name == caseName);

        var result = RuleTestRunner.Run(rule, compilation.Header!.Name, testCase, tests.Now);

        Assert.True(result.Passed, $"{RuleSources.TestsPathFor(path)}: {caseName}: {result.Message}");
    }
}
