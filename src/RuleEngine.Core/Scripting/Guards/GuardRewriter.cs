using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RuleEngine.Scripting.Guards;

/// <summary>
/// Inserts the <see cref="Runtime.ScriptGuard"/> checks into rule code: at the top of every loop body, at the entry
/// of every method, local function, lambda, constructor and accessor (expression bodies become blocks), and a
/// filter on every <c>catch</c> so that a rule cannot swallow its own abort. Runs on the generated class after
/// the analyst-facing diagnostics were taken from the unguarded code, so inserted text never shifts a column
/// an analyst reads. The semantic model tells whether a lambda returns a value.
/// </summary>
sealed class GuardRewriter(SemanticModel model) : CSharpSyntaxRewriter
{
    const string Guard = "global::RuleEngine.Scripting.Runtime.ScriptGuard";
    static readonly StatementSyntax LoopCheck = ParseStatement($"{Guard}.Loop();");
    static readonly StatementSyntax CallCheck = ParseStatement($"{Guard}.Call();");
    static readonly ExpressionSyntax NotAborting = ParseExpression($"!{Guard}.IsAborting");

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        GuardLoop((WhileStatementSyntax)base.VisitWhileStatement(node)!, l => l.Statement, (l, body) => l.WithStatement(body));

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        GuardLoop((DoStatementSyntax)base.VisitDoStatement(node)!, l => l.Statement, (l, body) => l.WithStatement(body));

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        GuardLoop((ForStatementSyntax)base.VisitForStatement(node)!, l => l.Statement, (l, body) => l.WithStatement(body));

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        GuardLoop((ForEachStatementSyntax)base.VisitForEachStatement(node)!, l => l.Statement, (l, body) => l.WithStatement(body));

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) =>
        GuardLoop((ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!, l => l.Statement, (l, body) => l.WithStatement(body));

    static T GuardLoop<T>(T loop, Func<T, StatementSyntax> body, Func<T, StatementSyntax, T> withBody) =>
        withBody(loop, Prepend(LoopCheck, body(loop)));

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        var condition = visited.Filter is { } filter
            ? BinaryExpression(SyntaxKind.LogicalAndExpression, NotAborting, ParenthesizedExpression(filter.FilterExpression))
            : NotAborting;
        return visited.WithFilter(CatchFilterClause(condition));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(Prepend(CallCheck, body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        return visited.WithExpressionBody(null).WithSemicolonToken(default)
            .WithBody(BlockFor(arrow.Expression, IsVoid(node.ReturnType)));
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body) return visited.WithBody(Prepend(CallCheck, body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        return visited.WithExpressionBody(null).WithSemicolonToken(default)
            .WithBody(BlockFor(arrow.Expression, IsVoid(node.ReturnType)));
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(Prepend(CallCheck, body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BlockFor(arrow.Expression, isVoid: true));
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(Prepend(CallCheck, body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        var isVoid = !node.IsKind(SyntaxKind.GetAccessorDeclaration);
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BlockFor(arrow.Expression, isVoid));
    }

    /// <summary><c>int P => expr;</c> becomes <c>int P { get { Call(); return expr; } }</c>.</summary>
    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (visited.ExpressionBody is not { } arrow) return visited;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, BlockFor(arrow.Expression, isVoid: false));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(List([getter])));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        if (visited.ExpressionBody is not { } arrow) return visited;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, BlockFor(arrow.Expression, isVoid: false));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(List([getter])));
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var visited = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(Prepend(CallCheck, body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BlockFor(arrow.Expression, isVoid: false));
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var visited = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(Prepend(CallCheck, body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BlockFor(arrow.Expression, isVoid: false));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitSimpleLambdaExpression(node)!);

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!);

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitAnonymousMethodExpression(node)!);

    AnonymousFunctionExpressionSyntax GuardLambda(AnonymousFunctionExpressionSyntax original, AnonymousFunctionExpressionSyntax visited)
    {
        if (visited.Block is { } block) return visited.WithBlock(Prepend(CallCheck, block)).WithExpressionBody(null);
        if (visited.ExpressionBody is not { } expression) return visited;
        if (model.GetSymbolInfo(original).Symbol is not IMethodSymbol lambda) return visited; // does not compile anyway
        return visited.WithExpressionBody(null).WithBlock(BlockFor(expression, lambda.ReturnsVoid));
    }

    static bool IsVoid(TypeSyntax type) => type is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword);

    static BlockSyntax BlockFor(ExpressionSyntax expression, bool isVoid) => Block(CallCheck, expression switch
    {
        ThrowExpressionSyntax thrown => ThrowStatement(thrown.Expression),
        _ when isVoid => ExpressionStatement(expression),
        _ => ReturnStatement(expression),
    });

    static BlockSyntax Prepend(StatementSyntax check, BlockSyntax block) => block.WithStatements(block.Statements.Insert(0, check));

    static StatementSyntax Prepend(StatementSyntax check, StatementSyntax body) =>
        body is BlockSyntax block ? Prepend(check, block) : Block(check, body);
}
