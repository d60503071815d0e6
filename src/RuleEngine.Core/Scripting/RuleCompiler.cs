using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using RuleEngine.Scripting.Guards;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Safety;

namespace RuleEngine.Scripting;

/// <summary>
/// Compiles a rule version: header, generated class, Roslyn diagnostics mapped to the analyst's files, the
/// allow-list check, then the guards, and emits a Release assembly with its PDB. Thread-safe; compiles are CPU-bound.
/// </summary>
public sealed class RuleCompiler(CompileCache? cache = null)
{
    static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: false,
        deterministic: true,
        nullableContextOptions: NullableContextOptions.Annotations,
        specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
        {
            ["CS0105"] = ReportDiagnostic.Suppress, // a rule repeating one of the default usings is harmless
        });

    /// <summary>The options rules compile with; the editor's script project starts from the same ones.</summary>
    internal static CSharpCompilationOptions CompilationOptions => Options;

    static readonly CSharpCompilationOptions DebugOptions = Options.WithOptimizationLevel(OptimizationLevel.Debug);

    static readonly EmitOptions Emit = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    /// <param name="sources">The rule file and its loaded files.</param>
    /// <param name="readDiagnostics">Problems found while reading the files (#load, #r), reported with the rest.</param>
    public RuleCompilation Compile(RuleSources sources, IReadOnlyList<RuleDiagnostic>? readDiagnostics = null)
    {
        var (header, headerDiagnostics) = RuleHeaderParser.Parse(sources.Main.Content, sources.Main.Path);
        var early = (readDiagnostics ?? []).Concat(headerDiagnostics).ToList();
        if (early.Count == 0 && cache?.TryGet(sources) is { } cached)
            return new RuleCompilation(sources, header, cached.Warnings, cached.Assembly, FromCache: true);

        var checkedRule = Check(sources, header, early);
        var diagnostics = checkedRule.Diagnostics;
        if (header is null || diagnostics.Any(d => d.IsError))
            return new RuleCompilation(sources, header, diagnostics, null);

        var (compilation, tree, model) = (checkedRule.Compilation, checkedRule.Tree, checkedRule.Model);
        var guarded = tree.WithRootAndOptions(new GuardRewriter(model).Visit(tree.GetRoot()), tree.Options);
        var assembly = EmitAssembly(compilation.ReplaceSyntaxTree(tree, guarded), sources.Main.Path, diagnostics);
        if (assembly is not null) cache?.Put(sources, assembly, diagnostics);
        return new RuleCompilation(sources, header, diagnostics, assembly);
    }

    /// <summary>
    /// Everything <see cref="Compile"/> reports except what only emitting can find (an internal error in the
    /// inserted guards): the header, Roslyn's diagnostics and the allow-list, in the same order and places.
    /// The editor calls this per keystroke; emitting is the part it can skip.
    /// </summary>
    public IReadOnlyList<RuleDiagnostic> Diagnose(RuleSources sources, IReadOnlyList<RuleDiagnostic>? readDiagnostics = null)
    {
        var (header, headerDiagnostics) = RuleHeaderParser.Parse(sources.Main.Content, sources.Main.Path);
        return Check(sources, header, (readDiagnostics ?? []).Concat(headerDiagnostics).ToList()).Diagnostics;
    }

    sealed record CheckedRule(List<RuleDiagnostic> Diagnostics, CSharpCompilation Compilation, SyntaxTree Tree, SemanticModel Model);

    CheckedRule Check(RuleSources sources, RuleHeader? header, List<RuleDiagnostic> early)
    {
        var generated = RuleCodeGenerator.Generate(sources);
        var tree = CSharpSyntaxTree.ParseText(generated.Text, ScriptParsing.Generated, path: "");
        var compilation = Template.Value.WithAssemblyName(AssemblyName(sources)).AddSyntaxTrees(tree);
        var model = compilation.GetSemanticModel(tree);

        var diagnostics = early.Concat(generated.Diagnostics)
            .Concat(compilation.GetDiagnostics()
                .Where(d => d.Severity is Microsoft.CodeAnalysis.DiagnosticSeverity.Error or Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .Select(d => Map(d, sources.Main.Path)))
            .Concat(new SafetyChecker(compilation, model).Check(tree.GetRoot(), generated.UserSpans)
                .Select(f => Map(f.Location, Severity.Error, f.Id, f.Message, sources.Main.Path)))
            .OrderBy(d => d.Path != sources.Main.Path).ThenBy(d => d.Path).ThenBy(d => d.Line).ThenBy(d => d.Column)
            .ToList();
        return new CheckedRule(diagnostics, compilation, tree, model);
    }

    /// <summary>
    /// An empty compilation over the script references: each rule's compilation is derived from it, so the
    /// references are bound once per process rather than once per compile (the editor compiles per keystroke).
    /// </summary>
    static readonly Lazy<CSharpCompilation> Template = new(() => CSharpCompilation.Create("rule", [], ScriptReferences.Get(), Options));

    /// <summary>
    /// The same version compiled unoptimised. Optimised code cannot always say which line threw (the JIT keeps
    /// no exact line map for a null dereference inside inlined code); the unoptimised twin always can.
    /// </summary>
    public CompiledAssembly? CompileDiagnosticTwin(RuleSources sources)
    {
        var generated = RuleCodeGenerator.Generate(sources);
        var tree = CSharpSyntaxTree.ParseText(generated.Text, ScriptParsing.Generated, path: "");
        var compilation = Template.Value.WithAssemblyName(AssemblyName(sources) + "-debug").WithOptions(DebugOptions).AddSyntaxTrees(tree);
        var guarded = tree.WithRootAndOptions(new GuardRewriter(compilation.GetSemanticModel(tree)).Visit(tree.GetRoot()), tree.Options);
        return EmitAssembly(compilation.ReplaceSyntaxTree(tree, guarded), sources.Main.Path, []);
    }

    static CompiledAssembly? EmitAssembly(Compilation compilation, string mainPath, List<RuleDiagnostic> diagnostics)
    {
        using var image = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(image, pdb, options: Emit);
        if (result.Success) return new CompiledAssembly(image.ToArray(), pdb.ToArray());
        // The analyst's code compiled; only the inserted guards can be at fault. Say so rather than blame their code.
        diagnostics.AddRange(result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .Select(d => Map(d, mainPath) with { Message = $"Internal error while guarding the rule (please report): {d.GetMessage()}" }));
        return null;
    }

    static string AssemblyName(RuleSources sources) =>
        $"rule-{RuleHeaderParser.DefaultName(sources.Main.Path)}-{sources.Hash[..12]}";

    static RuleDiagnostic Map(Diagnostic d, string mainPath) => Map(
        d.Location, d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error ? Severity.Error : Severity.Warning,
        d.Id, d.GetMessage(), mainPath);

    /// <summary>Every analyst line sits under a #line directive; anything else belongs to the wrapper and is reported at the top of the rule.</summary>
    static RuleDiagnostic Map(Location location, Severity severity, string id, string message, string mainPath)
    {
        var span = location.GetMappedLineSpan();
        if (!span.HasMappedPath || string.IsNullOrEmpty(span.Path))
            return new RuleDiagnostic(severity, id, message, mainPath, 1, 1);
        return new RuleDiagnostic(severity, id, message, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    /// <summary>Compiles a throw-away rule so that Roslyn's first-compile cost (1.5-2.5 s) is paid off the request path.</summary>
    public static TimeSpan WarmUp()
    {
        var watch = Stopwatch.StartNew();
        new RuleCompiler().Compile(RuleSources.FromText("warm-up.csx",
            "// kind: segmentation\nvar spend = SpendWithin(365);\nforeach (var o in Orders) { }\nSetSegment(\"warm\", spend > 0 ? \"yes\" : \"no\", \"warm-up\");\n"));
        return watch.Elapsed;
    }
}
