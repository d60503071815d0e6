using Microsoft.CodeAnalysis;

namespace RuleEngine.Scripting.Safety;

/// <summary>
/// The allow-list asked about one symbol rather than about code: may a rule name it? The editor filters its
/// completion list with this, so that it never offers what <see cref="SafetyChecker"/> would then refuse.
/// </summary>
static class AllowedSymbols
{
    /// <param name="own">The assembly of the rule's own code (its types, functions and variables are always its own to use).</param>
    public static bool IsAllowed(ISymbol symbol, IAssemblySymbol own) => symbol switch
    {
        INamespaceSymbol ns => ns.IsGlobalNamespace || AllowList.LeadsToAllowed(ns.ToDisplayString()),
        ITypeSymbol type => IsAllowedType(type, own),
        IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => IsAllowedMember(symbol, own),
        _ => true, // locals, parameters, labels, range variables: the rule's own names
    };

    public static bool IsAllowedType(ITypeSymbol type, IAssemblySymbol own) => type switch
    {
        IErrorTypeSymbol or ITypeParameterSymbol => true,
        IArrayTypeSymbol array => IsAllowedType(array.ElementType, own),
        IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol => false,
        INamedTypeSymbol named when named.IsAnonymousType || IsOwn(named, own) => true,
        INamedTypeSymbol { IsTupleType: true } tuple => tuple.TupleElements.All(e => IsAllowedType(e.Type, own)),
        INamedTypeSymbol named => IsAllowedDefinition(named.OriginalDefinition),
        _ => true,
    };

    static bool IsAllowedMember(ISymbol member, IAssemblySymbol own)
    {
        if (member is IMethodSymbol { ReducedFrom: { } extension }) member = extension;
        if (member.ContainingType is not { } type || IsOwn(type, own)) return true;
        if (type.IsAnonymousType || type.IsTupleType) return true;
        return IsAllowedType(type, own) && AllowList.DeniedMemberReason(member) is null;
    }

    /// <summary>A type is allowed by name, by its namespace, or (nested) through its outer type.</summary>
    public static bool IsAllowedDefinition(INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer) return IsAllowedDefinition(outer.OriginalDefinition);
        return AllowList.IsTypeNameAllowed(AllowList.MetadataName(type))
            || (type.ContainingNamespace is { } ns && AllowList.IsNamespaceAllowed(ns.ToDisplayString()));
    }

    static bool IsOwn(ISymbol symbol, IAssemblySymbol own) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, own);
}
