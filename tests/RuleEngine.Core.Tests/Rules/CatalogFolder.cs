using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Rules;
using RuleEngine.Scripting;

namespace RuleEngine.Tests.Rules;

/// <summary>A temp rules folder and data folder with a catalog over them; disposing deletes both.</summary>
sealed class CatalogFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ruleengine-tests", Guid.NewGuid().ToString("N"));
    public RuleEngineOptions Options { get; }
    public InMemoryRuleVersionStore Versions { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    public CatalogFolder()
    {
        Options = new RuleEngineOptions { RulesPath = Path.Combine(Root, "rules"), DataPath = Path.Combine(Root, "data") };
        Directory.CreateDirectory(Options.RulesPath);
    }

    /// <summary>A new catalog over the same folders, as after a restart of the server.</summary>
    public RuleCatalog NewCatalog(params IRuleVersionCheck[] checks) => NewCatalog(Versions, checks);

    /// <summary>The same over another version store (a backend's).</summary>
    public RuleCatalog NewCatalog(RuleEngine.Storage.IRuleVersionStore versions, params IRuleVersionCheck[] checks) =>
        new(Options, new RuleCompiler(new CompileCache(Path.Combine(Options.FullDataPath, "compile-cache"))),
            versions, checks, Clock, NullLogger<RuleCatalog>.Instance);

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Options.RulesPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        Clock.Advance(TimeSpan.FromSeconds(1));
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Options.RulesPath, relativePath));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    public static string Rule(string segmentValue, string kind = "segmentation") =>
        $"// kind: {kind}\nSetSegment(\"grade\", \"{segmentValue}\", \"because\");\n";
}
