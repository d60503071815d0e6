using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// The result of one test case: passed, or why not (expected vs actual, with the rule's explanations).
/// <paramref name="Expected"/> and <paramref name="Actual"/> list each side in full, numbers at full precision.
/// </summary>
public sealed record RuleTestResult(string Name, bool Passed, string? Message,
    IReadOnlyList<string>? Expected = null, IReadOnlyList<string>? Actual = null);

/// <summary>
/// Runs a rule's given/expect cases in memory: each case's customer is evaluated by the loaded rule exactly as a
/// run would (same evaluator, guards and time limit), and the outcomes are compared with the expectations.
/// </summary>
public static class RuleTestRunner
{
    /// <summary>A case is a handful of customers; a rule that needs longer is stuck.</summary>
    public static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(5);

    /// <param name="evaluator">Where the cases run (in a rule worker when the server runs rules there); default: in this process.</param>
    public static IReadOnlyList<RuleTestResult> Run(
        LoadedRule rule, string ruleName, RuleTestFile tests, CancellationToken cancellation = default, IRuleCaseEvaluator? evaluator = null) =>
        tests.Cases.Select(c => Run(rule, ruleName, c, tests.Now, cancellation, evaluator)).ToList();

    public static RuleTestResult Run(
        LoadedRule rule, string ruleName, RuleTestCase testCase, DateTime? fileNow, CancellationToken cancellation = default, IRuleCaseEvaluator? evaluator = null)
    {
        var now = testCase.Now ?? fileNow ?? throw new ArgumentException($"Case '{testCase.Name}' has no 'now'.", nameof(testCase));
        var context = TestCaseFacts.Build(testCase, now, ruleName);
        var error = (evaluator ?? InProcessCaseEvaluator.Instance).Evaluate(rule, context, CaseTimeLimit, cancellation);
        var expected = (testCase.Expect ?? []).Select(OutcomeMatcher.Describe).ToList();
        var outcomes = context.Outcomes.Select(OutcomeMatcher.Describe).ToList();
        if (error is not null) return new(testCase.Name, false, $"the rule failed: {error}", expected, outcomes);

        var problems = OutcomeMatcher.Compare(testCase.Expect ?? [], context.Outcomes);
        if (problems.Count == 0) return new(testCase.Name, true, null, expected, outcomes);
        var actual = outcomes.Count == 0 ? "no outcome" : string.Join("; ", outcomes);
        return new(testCase.Name, false, $"{string.Join("; ", problems)}. The rule asked for: {actual}.", expected, outcomes);
    }
}
