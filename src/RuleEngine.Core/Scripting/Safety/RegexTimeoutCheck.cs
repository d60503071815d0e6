using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuleEngine.Scripting.Safety;

/// <summary>
/// A Regex match runs inside the framework, where the guards cannot stop it: only its own match timeout can. So the
/// timeout a rule gives must be short and visible in the code, <c>TimeSpan.FromMilliseconds(100)</c>, not a variable
/// that could hold <c>TimeSpan.MaxValue</c>.
/// </summary>
static class RegexTimeoutCheck
{
    static readonly Dictionary<string, Func<double, TimeSpan>> Factories = new()
    {
        ["FromMilliseconds"] = TimeSpan.FromMilliseconds,
        ["FromSeconds"] = TimeSpan.FromSeconds,
    };

    /// <returns>The reason the call's match timeout is refused, or null when it is fine (or the call has none).</returns>
    public static string? Problem(SyntaxNode node, IMethodSymbol method, SemanticModel model)
    {
        if (AllowList.RegexTimeoutParameter(method) is not { } parameter) return null;
        var arguments = node switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments,
            BaseObjectCreationExpressionSyntax { ArgumentList: { } list } => list.Arguments,
            _ => default(SeparatedSyntaxList<ArgumentSyntax>?),
        };
        if (arguments is not { } args) return null; // a method group: the call that binds it is checked
        var argument = args.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter.Name)
            ?? (parameter.Ordinal < args.Count && args[parameter.Ordinal].NameColon is null ? args[parameter.Ordinal] : null);
        if (argument is not null && Constant(argument.Expression, model) is { } timeout
            && timeout > TimeSpan.Zero && timeout <= AllowList.MaxRegexTimeout)
            return null;
        return $"the match timeout must be a constant of at most {AllowList.MaxRegexTimeout.TotalMilliseconds:0} ms, " +
            "written as TimeSpan.FromMilliseconds(n) or TimeSpan.FromSeconds(n): the guards cannot stop a match in progress";
    }

    static TimeSpan? Constant(ExpressionSyntax expression, SemanticModel model)
    {
        if (expression is not InvocationExpressionSyntax { ArgumentList.Arguments: [var only] } call
            || model.GetSymbolInfo(call).Symbol is not IMethodSymbol { IsStatic: true } factory
            || factory.ContainingType.ToDisplayString() != "System.TimeSpan"
            || !Factories.TryGetValue(factory.Name, out var create)
            || model.GetConstantValue(only.Expression) is not { HasValue: true, Value: { } value })
            return null;
        try { return create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); }
        catch (Exception e) when (e is OverflowException or ArgumentException or InvalidCastException) { return null; }
    }
}
