using RuleEngine.Scripting;

namespace RuleEngine.Tests.Scripting.Hostile;

/// <summary>
/// A symbolic link inside the rules folder (a git checkout can carry one) must not lead a rule out of it:
/// Path.GetFullPath does not resolve links, so the reader checks every part of the path itself.
/// </summary>
public sealed class SymlinkEscapeTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "ruleengine-symlink", Guid.NewGuid().ToString("N"));
    string Rules => Path.Combine(_root, "rules");

    public SymlinkEscapeTests()
    {
        Directory.CreateDirectory(Path.Combine(Rules, "_shared"));
        Directory.CreateDirectory(Path.Combine(_root, "secrets"));
        File.WriteAllText(Path.Combine(_root, "secrets", "secret.csx"), "string Secret() => \"hunter2\";\n");
    }

    [Fact]
    public void Load_through_a_linked_file_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(Rules, "_shared", "secret.csx"), Path.Combine(_root, "secrets", "secret.csx"));

        var (sources, diagnostics) = Read("// kind: segmentation\n#load \"_shared/secret.csx\"\nSetSegment(\"a\", Secret(), \"b\");\n");

        Assert.Equal((RuleDiagnosticIds.LoadOutsideRules, 2), Assert.Single(diagnostics).Let(d => (d.Id, d.Line)));
        Assert.Empty(sources.Loaded);
    }

    [Fact]
    public void Load_through_a_linked_folder_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(Rules, "_linked"), Path.Combine(_root, "secrets"));

        var (sources, diagnostics) = Read("// kind: segmentation\n#load \"_linked/secret.csx\"\nSetSegment(\"a\", Secret(), \"b\");\n");

        Assert.Equal((RuleDiagnosticIds.LoadOutsideRules, 2), Assert.Single(diagnostics).Let(d => (d.Id, d.Line)));
        Assert.Empty(sources.Loaded);
    }

    [Fact]
    public void A_rule_file_that_is_a_link_is_not_read()
    {
        File.CreateSymbolicLink(Path.Combine(Rules, "leak.csx"), Path.Combine(_root, "secrets", "secret.csx"));

        var (sources, diagnostics) = new RuleSourceReader(Rules).Read("leak.csx");

        Assert.Equal(RuleDiagnosticIds.LoadOutsideRules, Assert.Single(diagnostics).Id);
        Assert.DoesNotContain("hunter2", sources.Main.Content);
    }

    (RuleSources, IReadOnlyList<RuleDiagnostic>) Read(string text)
    {
        File.WriteAllText(Path.Combine(Rules, "rule.csx"), text);
        return new RuleSourceReader(Rules).Read("rule.csx");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

static class Functional
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> map) => map(value);
}
