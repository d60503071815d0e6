using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Scripting.Runtime;

/// <summary>
/// One guard scope for a page of customers, evaluated one after another on this thread. Opening a scope costs
/// thread-static reads and writes; a run pays that once per page, and each customer only resets its own budget
/// (time limit, check count, abort flag). Dispose it on the thread that opened it, with no <c>await</c> in between.
/// </summary>
public readonly struct GuardedPage(ScriptGuard.Scope guard) : IDisposable
{
    /// <summary>
    /// Evaluates <paramref name="rule"/> (an instance of <paramref name="loaded"/>) for one customer. When optimised code
    /// cannot say which line failed (a null dereference inside inlined code, say), the customer is evaluated once more
    /// in the rule's unoptimised twin to find the line: rules are deterministic, so it fails the same way.
    /// </summary>
    public RuleRuntimeError? Evaluate(LoadedRule loaded, RuleScript rule, RuleContext context)
    {
        var error = Evaluate(rule, context);
        if (error is not { Line: null, Abort: null } || loaded.DiagnosticTwin() is not { } twin) return error;
        var located = Evaluate(twin.CreateInstance(), context.Fresh());
        return located is { Line: not null } && located.Type == error.Type ? located : error;
    }

    public RuleRuntimeError? Evaluate(RuleScript rule, RuleContext context)
    {
        guard.NextCustomer();
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

    public void Dispose() => guard.Dispose();
}
