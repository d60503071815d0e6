using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuleEngine.Scripting.Safety;

/// <summary>Constructs refused whatever types they involve, each for a reason the guards or the sandbox need.</summary>
static class ForbiddenSyntax
{
    public static string? Reason(SyntaxNode node) => node switch
    {
        GotoStatementSyntax => "'goto' is not allowed in rules: use a loop (loops are guarded against running forever).",
        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax =>
            "'stackalloc' is not allowed in rules: a large one would overflow the stack and stop the server.",
        UnsafeStatementSyntax or FixedStatementSyntax or PointerTypeSyntax or FunctionPointerTypeSyntax =>
            "unsafe code is not allowed in rules.",
        LockStatementSyntax =>
            "'lock' is not allowed in rules: two rules locking the same shared object in opposite order would block both runs for good, and a thread waiting for a lock passes no guard.",
        DestructorDeclarationSyntax =>
            "finalizers are not allowed in rules: they run on the runtime's finalizer thread, outside the run's guards.",
        ConstructorDeclarationSyntax c when c.Modifiers.Any(SyntaxKind.StaticKeyword) =>
            "static constructors are not allowed in rules: a failure there would break the rule for good; initialise fields inline.",
        MemberDeclarationSyntax or LocalFunctionStatementSyntax when HasModifier(node, SyntaxKind.ExternKeyword) =>
            "'extern' methods are not allowed in rules (native interop).",
        MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
            when HasModifier(node, SyntaxKind.AsyncKeyword) =>
            "'async' is not allowed in rules: rules run synchronously over data the server has already loaded.",
        MemberDeclarationSyntax or LocalFunctionStatementSyntax when HasModifier(node, SyntaxKind.UnsafeKeyword) =>
            "unsafe code is not allowed in rules.",
        MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax =>
            "undocumented '__makeref'/'__reftype'/'__refvalue' are not allowed in rules.",
        ExpressionSyntax e when e.IsKind(SyntaxKind.ArgListExpression) => "'__arglist' is not allowed in rules.",
        _ => null,
    };

    /// <summary>Keywords that only ever start a refused construct (typeof gives a System.Type): the editor does not offer them.</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "goto", "stackalloc", "typeof", "unsafe", "fixed", "lock", "extern", "async", "await", "dynamic",
        "__makeref", "__reftype", "__refvalue", "__arglist",
    };

    static bool HasModifier(SyntaxNode node, SyntaxKind kind) => node switch
    {
        MemberDeclarationSyntax m => m.Modifiers.Any(kind),
        LocalFunctionStatementSyntax f => f.Modifiers.Any(kind),
        AnonymousFunctionExpressionSyntax a => a.Modifiers.Any(kind),
        _ => false,
    };
}
