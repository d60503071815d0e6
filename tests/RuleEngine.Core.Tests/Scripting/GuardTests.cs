using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Tests.Scripting;

/// <summary>Endless loops and runaway recursion are stopped by the guards, never hang or crash the process.</summary>
public class GuardTests
{
    [Theory]
    [InlineData("runtime/infinite-loop.csx")]
    [InlineData("runtime/swallowed-loop.csx")]
    public void Endless_loop_is_stopped_by_the_time_limit(string fixture)
    {
        var (error, _) = ScriptFixtures.Run(ScriptFixtures.Compile(fixture), timeout: TimeSpan.FromMilliseconds(200));

        Assert.NotNull(error);
        Assert.Equal(RuleAbortReason.TimedOut, error.Abort);
    }

    [Fact]
    public void Endless_loop_is_stopped_by_cancellation()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var (error, _) = ScriptFixtures.Run(ScriptFixtures.Compile("runtime/infinite-loop.csx"), cancellation: cancellation.Token);

        Assert.Equal(RuleAbortReason.Cancelled, error?.Abort);
    }

    [Theory]
    [InlineData("runtime/deep-recursion.csx")]
    [InlineData("runtime/lambda-recursion.csx")]
    public void Runaway_recursion_is_stopped_before_the_stack_overflows(string fixture)
    {
        var (error, _) = ScriptFixtures.Run(ScriptFixtures.Compile(fixture));

        Assert.Equal(RuleAbortReason.RecursionTooDeep, error?.Abort);
    }

    [Fact]
    public void Exception_reports_the_script_line()
    {
        var (error, _) = ScriptFixtures.Run(ScriptFixtures.Compile("runtime/exception.csx"));

        Assert.NotNull(error);
        Assert.Equal(("InvalidOperationException", "boom", "runtime/exception.csx", 4), (error.Type, error.Message, error.Path, error.Line));
    }

    [Fact]
    public void Null_reference_reports_the_script_line()
    {
        var (error, _) = ScriptFixtures.Run(ScriptFixtures.Compile("runtime/null-reference.csx"));

        Assert.Equal(("NullReferenceException", "runtime/null-reference.csx", 3), (error?.Type, error?.Path, error?.Line));
    }
}
