using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Tests.Scripting.Hostile;

/// <summary>
/// Every hostile script is either refused at compile time with a named reason on its line, or compiles and is stopped
/// when run; either way a good rule evaluated right after on the same thread still works (no guard state leaks).
/// </summary>
public class HostileRuleTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(250);

    public static TheoryData<string> CompileTime => HostileCorpus.Where(e => e.IsCompileTime);
    public static TheoryData<string> RunTime => HostileCorpus.Where(e => !e.IsCompileTime);

    [Theory]
    [MemberData(nameof(CompileTime))]
    public void Refused_at_compile_time_with_a_named_reason_on_its_line(string script)
    {
        var expected = HostileCorpus.ExpectationOf(script);

        var result = ScriptFixtures.Compile(script);

        Assert.False(result.Succeeded, $"{script} compiled; it should have been refused");
        Assert.True(result.Diagnostics.Any(d => d.IsError && d.Id == expected.DiagnosticId && d.Line == expected.Line
                && d.Message.Contains(expected.Text!, StringComparison.Ordinal)),
            $"expected {expected.DiagnosticId} on line {expected.Line} naming '{expected.Text}', got:\n" + string.Join("\n", result.Diagnostics));
        GoodRuleStillEvaluates();
    }

    [Theory]
    [MemberData(nameof(RunTime))]
    public void Stopped_at_run_time_and_the_next_rule_still_runs(string script)
    {
        var expected = HostileCorpus.ExpectationOf(script);

        var (error, _) = ScriptFixtures.Run(ScriptFixtures.Compile(script), timeout: Limit);

        Assert.NotNull(error);
        if (Enum.TryParse<RuleAbortReason>(expected.Runtime, out var reason))
            Assert.Equal((reason, nameof(RuleAbortedException)), (error.Abort ?? default, error.Type));
        else
            Assert.Equal(expected.Runtime, error.Type);
        if (expected.Line is { } line) Assert.Equal((script, line), (error.Path, error.Line));
        GoodRuleStillEvaluates();
    }

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_scripts_of_both_kinds()
    {
        Assert.True(CompileTime.Count + RunTime.Count >= 100, $"{CompileTime.Count} + {RunTime.Count} scripts");
        Assert.True(CompileTime.Count >= 50 && RunTime.Count >= 50, $"{CompileTime.Count} compile-time, {RunTime.Count} run-time");
    }

    static readonly Lazy<RuleEngine.Scripting.RuleCompilation> Good = new(() => ScriptFixtures.Compile("good/tier.csx"));

    static void GoodRuleStillEvaluates()
    {
        var (error, context) = ScriptFixtures.Run(Good.Value, Some.Context([Some.Order(12_000m, 3)]), timeout: Limit);
        Assert.Null(error);
        Assert.Equal("gold", Assert.IsType<RuleEngine.Scripting.Api.SegmentOutcome>(Assert.Single(context.Outcomes)).Value);
    }
}
