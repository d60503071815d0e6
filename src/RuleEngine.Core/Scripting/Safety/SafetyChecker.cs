using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RuleEngine.Scripting.Safety;

/// <summary>
/// The semantic allow-list check: every symbol and type that the analyst's code names, calls, creates
/// or converts to must be allowed (see <see cref="AllowList"/>), and a few constructs are refused outright.
/// Only the analyst's own code is walked, never the generated wrapper around it.
/// </summary>
sealed class SafetyChecker(Compilation compilation, SemanticModel model)
{
    readonly List<(Location Location, string Id, string Message)> _findings = [];
    readonly HashSet<(int, string)> _reported = [];

    public IReadOnlyList<(Location Location, string Id, string Message)> Check(SyntaxNode root, IEnumerable<TextSpan> userSpans)
    {
        foreach (var span in userSpans)
            foreach (var node in root.DescendantNodes(span).Where(n => span.Contains(n.Span)))
            {
                if (ForbiddenSyntax.Reason(node) is { } reason)
                    Report(node, RuleDiagnosticIds.SyntaxNotAllowed, reason);
                if (node is ExpressionSyntax or TypeSyntax or AttributeSyntax or ConstructorInitializerSyntax)
                    CheckNode(node);
            }
        return _findings;
    }

    void CheckNode(SyntaxNode node)
    {
        var symbol = model.GetSymbolInfo(node).Symbol;
        if (symbol is not null) CheckSymbol(node, symbol);
        if (node is ExpressionSyntax)
        {
            var info = model.GetTypeInfo(node);
            if (info.Type is { } type) CheckType(node, type);
            if (info.ConvertedType is { } converted) CheckType(node, converted);
        }
    }

    void CheckSymbol(SyntaxNode node, ISymbol symbol)
    {
        switch (symbol)
        {
            case ITypeSymbol type:
                CheckType(node, type);
                break;
            case IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol:
                CheckMember(node, symbol);
                break;
        }
    }

    void CheckMember(SyntaxNode node, ISymbol member)
    {
        if (member is IMethodSymbol method)
        {
            member = method.ReducedFrom ?? method;
            foreach (var argument in method.TypeArguments) CheckType(node, argument);
        }
        if (IsOwn(member.ContainingType) || member.ContainingType is null) return;
        if (member.ContainingType.IsAnonymousType || member.ContainingType.IsTupleType) return;
        if (!CheckType(node, member.ContainingType)) return;
        var name = $"{member.ContainingType.ToDisplayString()}.{member.Name}";
        if (AllowList.DeniedMemberReason(member) is { } reason)
            Report(node, RuleDiagnosticIds.ApiNotAllowed, $"'{name}' is not allowed in rules: it {reason}.");
        else if (AllowList.IsRegexWithoutTimeout(member))
            Report(node, RuleDiagnosticIds.ApiNotAllowed,
                $"'{name}' needs a match timeout in rules: use the overload with a TimeSpan matchTimeout, e.g. TimeSpan.FromMilliseconds(100).");
        else if (member is IMethodSymbol call && RegexTimeoutCheck.Problem(node, call, model) is { } problem)
            Report(node, RuleDiagnosticIds.ApiNotAllowed, $"'{name}': {problem}.");
    }

    /// <returns>False when the type was refused (and reported).</returns>
    bool CheckType(SyntaxNode node, ITypeSymbol type)
    {
        switch (type)
        {
            case IErrorTypeSymbol or ITypeParameterSymbol:
                return true;
            case IArrayTypeSymbol array:
                return CheckType(node, array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return Refuse(node, "pointers", "unsafe code");
            case IDynamicTypeSymbol:
                return Refuse(node, "dynamic", "late binding: declare the type you mean");
            case INamedTypeSymbol named:
                if (named.IsAnonymousType || IsOwn(named)) return true;
                if (named.IsTupleType) return named.TupleElements.All(e => CheckType(node, e.Type));
                var allowed = IsAllowed(named.OriginalDefinition);
                if (!allowed)
                {
                    var name = named.OriginalDefinition.ToDisplayString();
                    return Refuse(node, name, ApiFamilies.Describe(name));
                }
                return named.TypeArguments.All(a => CheckType(node, a));
            default:
                return true;
        }
    }

    static bool IsAllowed(INamedTypeSymbol type) => AllowedSymbols.IsAllowedDefinition(type);

    bool IsOwn(ISymbol? symbol) =>
        symbol is not null && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);

    bool Refuse(SyntaxNode node, string what, string family)
    {
        Report(node, RuleDiagnosticIds.ApiNotAllowed, $"'{what}' is not allowed in rules ({family}).");
        return false;
    }

    void Report(SyntaxNode node, string id, string message)
    {
        if (_reported.Add((node.SpanStart, message)))
            _findings.Add((node.GetLocation(), id, message));
    }
}
