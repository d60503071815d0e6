using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleEngine.Scripting;

namespace RuleEngine.Editing;

/// <summary>
/// One entry of the script API reference. <paramref name="Name"/> is how a rule names it: <c>SpendWithin</c> for the
/// members in scope in every rule (<see cref="Scripting.Api.RuleScript"/>), <c>Order.At</c> for members of other types,
/// <c>Order</c> for a type itself.
/// </summary>
public sealed record ScriptApiMember(string Name, string Signature, string Kind, string Summary, string Returns, string Remarks);

/// <summary>
/// The script API as analysts write against it, read from the same metadata and XML docs that the editor's hover
/// shows: every public member of <see cref="Scripting.Api.RuleScript"/> (in scope in every rule), then every public
/// type of the script API and of the domain (customer, order, event) with its public members.
/// </summary>
public static class ScriptApiReference
{
    const string InScope = "RuleEngine.Scripting.Api.RuleScript";
    static readonly string[] Namespaces = ["RuleEngine.Scripting.Api", "RuleEngine.Domain"];
    static readonly Lazy<IReadOnlyList<ScriptApiMember>> Cached = new(Build);

    /// <summary>The reference, built once per process (it depends only on this build of RuleEngine.Core).</summary>
    public static IReadOnlyList<ScriptApiMember> Members => Cached.Value;

    /// <summary>True when RuleEngine.Core.xml was found beside the dll: without it every summary would be empty.</summary>
    public static bool HasDocumentation => File.Exists(ScriptReferences.CoreDocumentationPath);

    static IReadOnlyList<ScriptApiMember> Build()
    {
        var compilation = CSharpCompilation.Create("script-api-reference", [], ScriptReferences.Get());
        var ruleScript = compilation.GetTypeByMetadataName(InScope)!;
        var core = ruleScript.ContainingAssembly;
        var types = Namespaces
            .Select(ns => ns.Split('.').Aggregate(core.GlobalNamespace, (n, part) => n.GetNamespaceMembers().Single(m => m.Name == part)))
            .SelectMany(ns => ns.GetTypeMembers())
            .Where(t => t.DeclaredAccessibility == Accessibility.Public && !SymbolEqualityComparer.Default.Equals(t, ruleScript))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

        var members = PublicMembers(ruleScript).Select(m => Entry(m.Name, m)).ToList();
        foreach (var type in types)
        {
            members.Add(Entry(type.Name, type));
            members.AddRange(PublicMembers(type).Select(m => Entry($"{type.Name}.{m.Name}", m)));
        }
        return members;
    }

    static IEnumerable<ISymbol> PublicMembers(INamedTypeSymbol type) => type.GetMembers()
        .Where(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared && m.CanBeReferencedByName || IsConstructor(m))
        .Where(m => m is not IMethodSymbol method || method.MethodKind is MethodKind.Ordinary or MethodKind.Constructor)
        .Where(m => m.Name is not ("Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "PrintMembers"))
        .OrderBy(m => m is IMethodSymbol { MethodKind: MethodKind.Constructor } ? 0 : 1)
        .ThenBy(m => m.Name, StringComparer.Ordinal)
        .ThenBy(m => m.ToDisplayString(SymbolText.Signature), StringComparer.Ordinal);

    static bool IsConstructor(ISymbol m) =>
        m is IMethodSymbol { MethodKind: MethodKind.Constructor, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public } ctor
        && ctor.Parameters.Length > 0 && !ctor.ContainingType.IsRecord;

    static ScriptApiMember Entry(string name, ISymbol symbol)
    {
        var doc = DocComment.Of(symbol);
        var signature = symbol.ToDisplayString(SymbolText.Signature);
        if (symbol.ContainingType?.ToDisplayString() == InScope) signature = signature.Replace("RuleScript.", "", StringComparison.Ordinal);
        return new ScriptApiMember(name, signature, SymbolText.Kind(symbol), doc.Summary, doc.Returns, doc.Remarks);
    }
}
