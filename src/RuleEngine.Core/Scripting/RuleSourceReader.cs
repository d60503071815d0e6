using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuleEngine.Scripting;

/// <summary>
/// Gathers a rule's <see cref="RuleSources"/>: the rule file and, transitively, every <c>#load</c>ed file.
/// A <c>#load</c> may only reach files inside the rules folder; <c>#r</c> is always refused,
/// since a rule must not bring in assemblies the allow-list has not vetted.
/// </summary>
public sealed class RuleSourceReader(string rulesRoot)
{
    readonly string _root = Path.GetFullPath(rulesRoot);

    /// <summary>Reads a rule from disk. <paramref name="mainContent"/> overrides the main file's text (validation of unsaved text).</summary>
    public (RuleSources Sources, IReadOnlyList<RuleDiagnostic> Diagnostics) Read(string relativePath, string? mainContent = null)
    {
        var loaded = new Dictionary<string, RuleFile>(StringComparer.Ordinal);
        var diagnostics = new List<RuleDiagnostic>();
        if (mainContent is null && PassesThroughLink(ToFullPath(relativePath)))
        {
            diagnostics.Add(RuleDiagnostic.Error(RuleDiagnosticIds.LoadOutsideRules,
                "The rule file is a symbolic link (or lies in a linked folder); rules must be real files inside the rules folder.", relativePath));
            return (new RuleSources(new RuleFile(relativePath, ""), []), diagnostics);
        }
        var main = Text(relativePath, mainContent ?? File.ReadAllText(ToFullPath(relativePath)), diagnostics);
        Follow(main, loaded, diagnostics);
        return (new RuleSources(main, loaded.Values.ToList(), ReadTests(relativePath, diagnostics)), diagnostics);
    }

    /// <summary>The rule's given/expect tests beside it, if it has any: they belong to the version (see <see cref="RuleSources"/>).</summary>
    RuleFile? ReadTests(string relativePath, List<RuleDiagnostic> diagnostics)
    {
        var testsPath = RuleSources.TestsPathFor(relativePath);
        var full = ToFullPath(testsPath);
        return File.Exists(full) ? Text(testsPath, File.ReadAllText(full), diagnostics) : null;
    }

    /// <summary>A file of the version as it is kept: a NUL in it is an error and is stored as U+FFFD (see <see cref="RuleText"/>).</summary>
    static RuleFile Text(string path, string content, List<RuleDiagnostic> diagnostics)
    {
        if (RuleText.FirstNul(content) is not var (line, column)) return new RuleFile(path, content);
        diagnostics.Add(RuleDiagnostic.Error(RuleDiagnosticIds.NulCharacter, RuleText.NulMessage(line, column), path, line, column));
        return new RuleFile(path, RuleText.Storable(content));
    }

    public string ToFullPath(string relativePath) => Path.GetFullPath(Path.Combine(_root, relativePath));

    public string ToRelativePath(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace('\\', '/');

    void Follow(RuleFile file, Dictionary<string, RuleFile> loaded, List<RuleDiagnostic> diagnostics)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(file.Content, ScriptParsing.Options).GetRoot();
        foreach (var reference in root.GetReferenceDirectives())
            diagnostics.Add(At(reference, file.Path, RuleDiagnosticIds.ReferenceRefused,
                $"#r {reference.File.Text} is not allowed: rules may only use the script API and the allowed parts of .NET."));

        foreach (var load in root.GetLoadDirectives())
        {
            var target = load.File.ValueText;
            if (target.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                // Path.GetFullPath throws on a NUL: that was a 500 on PUT /api/rules/{name} and /validate.
                diagnostics.Add(At(load, file.Path, RuleDiagnosticIds.LoadNotFound, $"#load \"{target}\" is not a valid file path."));
                continue;
            }
            var baseFolder = Path.GetDirectoryName(ToFullPath(file.Path))!;
            var full = Path.GetFullPath(Path.Combine(baseFolder, target));
            if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(target))
            {
                diagnostics.Add(At(load, file.Path, RuleDiagnosticIds.LoadOutsideRules,
                    $"#load \"{target}\" leaves the rules folder; shared code must live under rules/_shared/."));
                continue;
            }
            if (PassesThroughLink(full))
            {
                diagnostics.Add(At(load, file.Path, RuleDiagnosticIds.LoadOutsideRules,
                    $"#load \"{target}\" goes through a symbolic link, which could lead out of the rules folder; load the real file."));
                continue;
            }
            var relative = ToRelativePath(full);
            if (loaded.ContainsKey(relative) || relative == file.Path) continue;
            if (!File.Exists(full))
            {
                diagnostics.Add(At(load, file.Path, RuleDiagnosticIds.LoadNotFound, $"#load \"{target}\": file '{relative}' not found."));
                continue;
            }
            var helper = Text(relative, File.ReadAllText(full), diagnostics);
            loaded[relative] = helper;
            Follow(helper, loaded, diagnostics);
        }
    }

    /// <summary>
    /// Path.GetFullPath does not resolve links, so a link inside the rules folder could point anywhere (a link in a
    /// git checkout is enough). Every part of the path below the rules folder must be a real file or folder.
    /// </summary>
    bool PassesThroughLink(string full)
    {
        for (var path = full; path.Length > _root.Length; path = Path.GetDirectoryName(path)!)
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.Exists && info.LinkTarget is not null) return true;
        }
        return false;
    }

    static RuleDiagnostic At(SyntaxNode node, string path, string id, string message)
    {
        var position = node.GetLocation().GetLineSpan().StartLinePosition;
        return RuleDiagnostic.Error(id, message, path, position.Line + 1, position.Character + 1);
    }
}
