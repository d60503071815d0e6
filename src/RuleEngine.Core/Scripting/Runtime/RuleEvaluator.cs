using System.Diagnostics;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Scripting.Runtime;

/// <summary>
/// Calls a rule for one customer inside a guarded scope and turns whatever the rule throws into a
/// <see cref="RuleRuntimeError"/> that names the analyst's file and line. Never lets a rule's exception escape.
/// A run evaluates a page of customers in one <see cref="GuardedPage"/> (<see cref="BeginPage"/>); the static
/// <c>Evaluate</c> methods are for a single customer.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>Opens one guard scope for a page of customers; see <see cref="GuardedPage"/>.</summary>
    /// <param name="timeout">Time limit of each customer, not of the page.</param>
    public static GuardedPage BeginPage(CancellationToken cancellation, TimeSpan? timeout = null) =>
        new(ScriptGuard.Begin(cancellation, timeout));

    /// <inheritdoc cref="GuardedPage.Evaluate(LoadedRule, RuleScript, RuleContext)"/>
    public static RuleRuntimeError? Evaluate(
        LoadedRule loaded, RuleScript rule, RuleContext context, CancellationToken cancellation, TimeSpan? timeout = null)
    {
        using var page = BeginPage(cancellation, timeout);
        return page.Evaluate(loaded, rule, context);
    }

    public static RuleRuntimeError? Evaluate(RuleScript rule, RuleContext context, CancellationToken cancellation, TimeSpan? timeout = null)
    {
        using var page = BeginPage(cancellation, timeout);
        return page.Evaluate(rule, context);
    }
}

/// <summary>A rule's failure for one customer: what went wrong and where in the analyst's file.</summary>
public sealed record RuleRuntimeError(string Type, string Message, string? Path, int? Line, int? Column, RuleAbortReason? Abort)
{
    public override string ToString() => Path is null ? $"{Type}: {Message}" : $"{Path}({Line},{Column}): {Type}: {Message}";

    public static RuleRuntimeError From(Exception exception, System.Reflection.Assembly ruleAssembly)
    {
        // Framework code that calls back into a rule may wrap the abort (List.Sort does, in InvalidOperationException):
        // the abort is still what happened, and a cancellation must still be seen as one.
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            if (inner is RuleAbortedException abort) exception = abort;
        var frame = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == ruleAssembly && f.GetFileName() is { Length: > 0 });
        return new RuleRuntimeError(
            exception.GetType().Name,
            exception.Message,
            frame?.GetFileName(),
            frame?.GetFileLineNumber(),
            frame?.GetFileColumnNumber(),
            (exception as RuleAbortedException)?.Reason);
    }
}
