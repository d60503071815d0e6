using System.Collections.Concurrent;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Runs the given/expect tests beside a rule (<c>name.tests.json</c>, part of the version's sources) before the
/// version may become active: a malformed tests file or a failing case is an error (RE0030) at the case's line,
/// so the last good version keeps running. Every version's results are kept for the API.
/// </summary>
public sealed class RuleTestsCheck : IRuleVersionCheck
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
        var results = RuleTestRunner.Run(rule, header.Name, tests);
        _results[(header.Name, compilation.Sources.Hash)] = results;
        return results.Where(r => !r.Passed)
            .Select(r => RuleDiagnostic.Error(RuleDiagnosticIds.TestFailed, $"Test '{r.Name}' failed: {r.Message}",
                file.Path, RuleTestParser.LineOf(file.Content, r.Name)))
            .ToList();
    }
}
