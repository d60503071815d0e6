using System.Collections.Concurrent;
using RuleEngine.Rules.Testing;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Tests.Rules.Library;

/// <summary>The repository's rules/ folder: its rules, each compiled once per test run, and their tests.</summary>
static class RuleLibrary
{
    static readonly RuleCompiler Compiler = new();
    static readonly ConcurrentDictionary<string, Lazy<(RuleCompilation Compilation, LoadedRule? Rule)>> Compiled = new();

    /// <summary>rules/ of the repository, found by walking up from the test binaries to RuleEngine.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static RuleSourceReader Reader { get; } = new(Root);

    /// <summary>Every rule file (not the shared helpers in folders starting with '_'), relative to rules/.</summary>
    public static IReadOnlyList<string> RulePaths { get; } = Directory
        .EnumerateFiles(Root, "*.csx", SearchOption.AllDirectories)
        .Select(Reader.ToRelativePath)
        .Where(p => !p.Split('/').SkipLast(1).Any(folder => folder.StartsWith('_')))
        .Order(StringComparer.Ordinal).ToList();

    public static (RuleCompilation Compilation, LoadedRule? Rule) Compile(string path) =>
        Compiled.GetOrAdd(path, p => new(() =>
        {
            var (sources, problems) = Reader.Read(p);
            var compilation = Compiler.Compile(sources, problems);
            var loaded = compilation.Succeeded
                ? LoadedRule.Load(compilation.Header!.Name, sources.Hash, compilation.Assembly!, () => Compiler.CompileDiagnosticTwin(sources))
                : null;
            return (compilation, loaded);
        })).Value;

    /// <summary>The rule's parsed tests; fails the calling test with the parser's diagnostics when the file is malformed.</summary>
    public static RuleTestFile Tests(string path)
    {
        var file = Reader.Read(path).Sources.Tests ?? throw new InvalidOperationException($"{path} has no tests file.");
        var (tests, problems) = RuleTestParser.Parse(file);
        return tests ?? throw new InvalidOperationException(string.Join("\n", problems));
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RuleEngine.sln")))
                return Path.Combine(dir.FullName, "rules");
        throw new InvalidOperationException($"RuleEngine.sln not found above {AppContext.BaseDirectory}.");
    }
}
