using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Tests.Scripting;

/// <summary>A rule body compiled and loaded for a test that asks what its compiled code does (then unloaded).</summary>
static class LoadedRules
{
    static readonly RuleCompiler Compiler = new();

    public static T Inspect<T>(string kind, string body, RuleFile[] loaded, Func<LoadedRule, T> inspect)
    {
        var compilation = Compiler.Compile(new RuleSources(new RuleFile("rule.csx", $"// kind: {kind}\n{body}"), loaded));
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Diagnostics));
        var rule = LoadedRule.Load("rule", compilation.Sources.Hash, compilation.Assembly!);
        try { return inspect(rule); }
        finally { rule.Unload(); }
    }
}
