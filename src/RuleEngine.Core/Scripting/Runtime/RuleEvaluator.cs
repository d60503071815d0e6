using System.Diagnostics;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Scripting.Runtime;

/// <summary>
/// Calls a rule for one customer inside a guarded scope and turns whatever the rule throws into a
/// <see cref="RuleRuntimeError"/> that names the analyst's file and line. Never lets a rule's exception escape.
/// </summary>
public static class RuleEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="rule"/> (an instance of <paramref name="loaded"/>) for one customer. When optimised code
    /// cannot say which line failed (a null dereference inside inlined code, say), the customer is evaluated once more
    /// in the rule's unoptimised twin to find the line: rules are deterministic, so it fails the same way.
    /// </summary>
    public static RuleRuntimeError? Evaluate(
        LoadedRule loaded, RuleScript rule, RuleContext context, CancellationToken cancellation, TimeSpan? timeout = null)
    {
        var error = Evaluate(rule, context, cancellation, timeout);
        if (error is not { Line: null, Abort: null } || loaded.DiagnosticTwin() is not { } twin) return error;
        var located = Evaluate(twin.CreateInstance(), context.Fresh(), cancellation, timeout);
        return located is { Line: not null } && located.Type == error.Type ? located : error;
    }

    public static RuleRuntimeError? Evaluate(RuleScript rule, RuleContext context, CancellationToken cancellation, TimeSpan? timeout = null)
    {
        using var scope = ScriptGuard.Begin(cancellation, timeout);
        try
        {
            rule.Bind(context);
            rule.Evaluate();
            return null;
        }
        catch (Exception e)
        {
            return RuleRuntimeError.From(e, rule.GetType().Assembly);
        }
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
