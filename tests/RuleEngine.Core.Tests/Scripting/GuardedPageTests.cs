using System.Diagnostics;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Tests.Scripting;

/// <summary>
/// A run evaluates a page of customers under one guard scope: each customer must still get its own time limit,
/// its own recursion limit and a clean start after the customer before it was stopped.
/// </summary>
public class GuardedPageTests
{
    [Fact]
    public void Time_limit_is_per_customer_not_per_page()
    {
        var limit = TimeSpan.FromMilliseconds(400);
        using var scope = ScriptGuard.Begin(CancellationToken.None, limit);

        // Two customers that each take well over half the limit: only a page-wide budget would stop the second.
        SpinGuardedLoop(limit * 0.7);
        scope.NextCustomer();
        SpinGuardedLoop(limit * 0.7);

        // Without a new customer the same budget runs out.
        Assert.Equal(RuleAbortReason.TimedOut, Assert.Throws<RuleAbortedException>(() => SpinGuardedLoop(limit * 2)).Reason);
    }

    [Fact]
    public void Customer_after_a_stopped_one_runs_normally()
    {
        var endless = Load(ScriptFixtures.Compile("runtime/infinite-loop.csx"));
        var deep = Load(ScriptFixtures.Compile("runtime/deep-recursion.csx"));
        var fine = Load(ScriptFixtures.CompileText("// kind: segmentation\nforeach (var o in Orders) { }\nSetSegment(\"ok\", \"yes\", \"fine\");\n"));
        using var page = RuleEvaluator.BeginPage(CancellationToken.None, TimeSpan.FromMilliseconds(200));

        Assert.Equal(RuleAbortReason.TimedOut, page.Evaluate(endless, endless.CreateInstance(), Some.Context())?.Abort);
        var afterTimeout = Some.Context([Some.Order(10m, 1)]);
        Assert.Null(page.Evaluate(fine, fine.CreateInstance(), afterTimeout));
        Assert.Single(afterTimeout.Outcomes);

        Assert.Equal(RuleAbortReason.RecursionTooDeep, page.Evaluate(deep, deep.CreateInstance(), Some.Context())?.Abort);
        Assert.Null(page.Evaluate(fine, fine.CreateInstance(), Some.Context()));
        // The recursion limit did not drift: it still stops the next runaway customer, before the stack overflows.
        Assert.Equal(RuleAbortReason.RecursionTooDeep, page.Evaluate(deep, deep.CreateInstance(), Some.Context())?.Abort);
        Assert.Null(page.Evaluate(fine, fine.CreateInstance(), Some.Context()));
        Assert.False(ScriptGuard.IsAborting); // a rule's catch clauses work again for the next customer
    }

    [Fact]
    public void Cancellation_stops_a_customer_in_the_middle_of_a_page()
    {
        var endless = Load(ScriptFixtures.Compile("runtime/infinite-loop.csx"));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        using var page = RuleEvaluator.BeginPage(cancellation.Token, TimeSpan.FromMinutes(1));

        Assert.Equal(RuleAbortReason.Cancelled, page.Evaluate(endless, endless.CreateInstance(), Some.Context())?.Abort);
    }

    /// <summary>What rule code compiles a loop into: a guard check at the top of every pass.</summary>
    static void SpinGuardedLoop(TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration) ScriptGuard.Loop();
    }

    static LoadedRule Load(RuleCompilation compilation)
    {
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Diagnostics));
        return LoadedRule.Load("page", compilation.Sources.Hash, compilation.Assembly!);
    }
}
