using System.Collections.Concurrent;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Runs the given/expect tests beside a rule (<c>name.tests.json</c>, part of the version's sources) before the
/// version may become active: a malformed tests file or a failing case is an error (RE0030) at the case's line,
/// so the last good version keeps running. Every version's results are kept for the API. The cases run where runs
/// run (<paramref name="evaluator"/>: in a rule worker by default), so a hostile rule's tests cannot end the server.
/// </summary>
public sealed class RuleTestsCheck(IRuleCaseEvaluator? evaluator = null) : IRuleVersionCheck
{
    readonly ConcurrentDictionary<(string Rule, string Hash), IReadOnlyList<RuleTestResult>> _results = new();

    /// <summary>The test results of one version of a rule, or empty when it has no tests (or was not checked).</summary>
    public IReadOnlyList<RuleTestResult> ResultsOf(string rule, string hash) => _results.GetValueOrDefault((rule, hash)) ?? [];

    public IReadOnlyList<RuleDiagnostic> Check(RuleCompilation compilation, LoadedRule rule)
    {
        if (compilation.Sources.Tests is not { } file || compilation.Header is not { } header) return [];
        var (tests, problems) = RuleTestParser.Parse(file);
        if (tests is null)
        {
            _results[(header.Name, compilation.Sources.Hash)] = [new RuleTestResult(file.Path, false, string.Join(" ", problems.Select(p => p.ToString())))];
            return problems;
        }
        var results = RuleTestRunner.Run(rule, header.Name, tests, evaluator: evaluator);
        _results[(header.Name, compilation.Sources.Hash)] = results;
        return results.Where(r => !r.Passed)
            .Select(r => RuleDiagnostic.Error(RuleDiagnosticIds.TestFailed, $"Test '{r.Name}' failed: {r.Message}",
                file.Path, RuleTestParser.LineOf(file.Content, r.Name)))
            .ToList();
    }
}
