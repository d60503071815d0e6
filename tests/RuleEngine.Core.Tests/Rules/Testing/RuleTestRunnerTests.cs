using RuleEngine.Rules.Testing;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Tests.Rules.Testing;

/// <summary>The given/expect runner: what passes, what fails and how the failure reads.</summary>
public class RuleTestRunnerTests
{
    const string GradeRule = """
        // kind: segmentation
        var spend = SpendWithin(365);
        if (spend == 0) return;
        SetSegment("grade", spend >= 1000 ? "A" : "B", $"spend {spend:0} in 365 d");
        """;

    static IReadOnlyList<RuleTestResult> Run(string rule, string tests)
    {
        var compilation = new RuleCompiler().Compile(RuleSources.FromText("grade.csx", rule));
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Diagnostics));
        var loaded = LoadedRule.Load("grade", compilation.Sources.Hash, compilation.Assembly!);
        var (file, problems) = RuleTestParser.Parse(new RuleFile("grade.tests.json", tests));
        Assert.True(file is not null, string.Join("\n", problems));
        return RuleTestRunner.Run(loaded, "grade", file);
    }

    [Fact]
    public void Matching_expectations_pass_and_no_outcome_is_expected_with_an_empty_list()
    {
        var results = Run(GradeRule, """
            { "now": "2026-11-22T08:00:00Z", "cases": [
              { "name": "big spender", "orders": [ { "amount": 1200, "daysAgo": 10 } ], "expect": [ { "segment": "grade", "value": "A", "because": "1200" } ] },
              { "name": "no orders", "expect": [] } ] }
            """);

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public void A_wrong_expectation_fails_with_expected_and_actual_and_the_because_text()
    {
        var result = Run(GradeRule, """
            { "now": "2026-11-22T08:00:00Z", "cases": [
              { "name": "small spender", "orders": [ { "amount": 300, "daysAgo": 10 } ], "expect": [ { "segment": "grade", "value": "A" } ] } ] }
            """).Single();

        Assert.False(result.Passed);
        Assert.Contains("expected segment grade = A", result.Message);
        Assert.Contains("segment grade = B [because: spend 300 in 365 d]", result.Message);
    }

    [Fact]
    public void An_outcome_nobody_expected_fails_the_case()
    {
        var result = Run(GradeRule, """
            { "now": "2026-11-22T08:00:00Z", "cases": [ { "name": "says nothing", "orders": [ { "amount": 300, "daysAgo": 1 } ], "expect": [] } ] }
            """).Single();

        Assert.False(result.Passed);
        Assert.Contains("did not expect segment grade = B", result.Message);
    }

    [Fact]
    public void Orders_after_now_and_refunds_after_now_are_not_seen_yet()
    {
        var results = Run(GradeRule, """
            { "now": "2026-11-22T08:00:00Z", "cases": [
              { "name": "future order", "orders": [ { "amount": 5000, "at": "2026-11-23T00:00:00Z" } ], "expect": [] },
              { "name": "refund tomorrow", "orders": [ { "amount": 5000, "daysAgo": 3, "status": "refunded", "refundedAt": "2026-11-23T00:00:00Z" } ],
                "expect": [ { "segment": "grade", "value": "A" } ] } ] }
            """);

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public void A_rule_that_throws_fails_the_case_with_its_line()
    {
        var result = Run("// kind: reward\nvar first = FirstOrder!;\nAwardPoints(1, first.Id, \"x\");\n",
            """{ "now": "2026-11-22T08:00:00Z", "cases": [ { "name": "never bought", "expect": [] } ] }""").Single();

        Assert.False(result.Passed);
        Assert.Contains("the rule failed: grade.csx(3,", result.Message);
    }

    [Theory]
    [InlineData("{ \"cases\": [ { \"name\": \"x\", \"expect\": [] ", 1, "not valid")]
    [InlineData("{ \"now\": \"2026-11-22T08:00:00Z\",\n  \"cases\": [ { \"name\": \"typo\", \"expcet\": [] } ] }", 2, "expcet")]
    [InlineData("{ \"now\": \"2026-11-22T08:00:00Z\",\n  \"cases\": [\n { \"name\": \"no expect\" } ] }", 3, "no 'expect'")]
    [InlineData("{ \"now\": \"2026-11-22T08:00:00Z\",\n  \"cases\": [\n { \"name\": \"two kinds\", \"expect\": [ { \"segment\": \"a\", \"tag\": \"b\" } ] } ] }", 3, "exactly one of")]
    [InlineData("{ \"cases\": [ { \"name\": \"when?\", \"expect\": [] } ] }", 1, "no 'now'")]
    [InlineData("{ \"now\": \"2026-11-22T08:00:00Z\",\n \"cases\": [\n { \"name\": \"same\", \"expect\": [] },\n { \"name\": \"same\", \"expect\": [] } ] }", 3, "Two cases are named 'same'")]
    public void A_malformed_tests_file_is_a_diagnostic_naming_file_and_line(string json, int line, string message)
    {
        var (file, problems) = RuleTestParser.Parse(new RuleFile("rewards/x.tests.json", json));

        Assert.Null(file);
        var problem = Assert.Single(problems);
        Assert.Equal((RuleDiagnosticIds.TestFailed, "rewards/x.tests.json", line), (problem.Id, problem.Path, problem.Line));
        Assert.Contains(message, problem.Message);
    }
}
