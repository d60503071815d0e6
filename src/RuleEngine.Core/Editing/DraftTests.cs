using RuleEngine.Rules;
using RuleEngine.Rules.Testing;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Editing;

/// <summary>
/// The given/expect results of a rule's draft text (or of its live version), run exactly as the version check runs
/// them before a save may go live: same compiler, same runner, the rule's tests file beside it. Saves nothing; the
/// draft is loaded into its own collectible context and unloaded again.
/// </summary>
public sealed class DraftTests(RuleCatalog catalog, IRuleCaseEvaluator? evaluator = null)
{
    readonly RuleCompiler _compiler = new(); // drafts never fill the compile cache
    readonly RuleSourceReader _reader = new(catalog.RulesRoot);

    /// <summary>Null when there is no rule <paramref name="name"/>.</summary>
    /// <param name="text">The draft; null runs the live version's tests.</param>
    public DraftTestRun? Run(string name, string? text, CancellationToken cancellation = default)
    {
        if (catalog.Find(name) is not { } rule) return null;
        if (text is null) return RunLive(rule, cancellation);
        if (RuleSizeLimit.Exceeds(text))
            throw new ArgumentException($"The rule text is larger than {RuleSizeLimit.MaxBytes / 1024} KB.", nameof(text));

        var (sources, readProblems) = _reader.Read(rule.Path, text);
        var compilation = _compiler.Compile(sources, readProblems);
        if (!compilation.Succeeded) return DraftTestRun.Refused(name, "draft", compilation.Diagnostics, sources.Tests?.Path);
        var loaded = LoadedRule.Load(name, sources.Hash, compilation.Assembly!, () => _compiler.CompileDiagnosticTwin(sources));
        try
        {
            return RunCases(name, "draft", loaded, sources.Tests, compilation.Diagnostics, cancellation);
        }
        finally
        {
            loaded.Unload();
        }
    }

    DraftTestRun RunLive(RuleState rule, CancellationToken cancellation) => rule.Active is { } live
        ? RunCases(rule.Name, live.Hash, live.Rule, live.Sources.Tests, [], cancellation)
        : DraftTestRun.Refused(rule.Name, "live", [RuleDiagnostic.Error(RuleDiagnosticIds.TestFailed,
            "The rule has no live version (it never compiled); send the draft text to test it.", rule.Path)], null);

    DraftTestRun RunCases(string name, string version, LoadedRule rule, RuleFile? testsFile,
        IReadOnlyList<RuleDiagnostic> warnings, CancellationToken cancellation)
    {
        if (testsFile is null) return new DraftTestRun(name, version, true, warnings, null, []);
        var (tests, problems) = RuleTestParser.Parse(testsFile);
        if (tests is null) return DraftTestRun.Refused(name, version, problems, testsFile.Path);
        return new DraftTestRun(name, version, true, warnings, testsFile.Path, RuleTestRunner.Run(rule, name, tests, cancellation, evaluator));
    }
}

/// <summary>
/// The answer of a test run of a draft or live version. <paramref name="Runnable"/> is false when the cases could not
/// run (the draft does not compile, or the tests file is malformed): <paramref name="Diagnostics"/> then say why.
/// </summary>
public sealed record DraftTestRun(string Rule, string Version, bool Runnable, IReadOnlyList<RuleDiagnostic> Diagnostics,
    string? TestsFile, IReadOnlyList<RuleTestResult> Cases)
{
    public bool Passed => Runnable && Cases.All(c => c.Passed);

    public static DraftTestRun Refused(string rule, string version, IReadOnlyList<RuleDiagnostic> diagnostics, string? testsFile) =>
        new(rule, version, false, diagnostics, testsFile, []);
}
