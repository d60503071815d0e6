namespace RuleEngine.Scripting.Runtime;

/// <summary>Thrown inside rule code by <see cref="ScriptGuard"/>; rule code cannot catch it.</summary>
public sealed class RuleAbortedException(RuleAbortReason reason) : Exception(Describe(reason))
{
    public RuleAbortReason Reason { get; } = reason;

    static string Describe(RuleAbortReason reason) => reason switch
    {
        RuleAbortReason.Cancelled => "The rule was stopped because its run was cancelled.",
        RuleAbortReason.TimedOut => "The rule was stopped because it ran past its time limit (an endless loop?).",
        RuleAbortReason.RecursionTooDeep =>
            $"The rule was stopped because its recursion went deeper than {ScriptGuard.MaxStackBytes / 1024} KB of stack (endless recursion?).",
        _ => "The rule was stopped.",
    };
}

public enum RuleAbortReason { Cancelled, TimedOut, RecursionTooDeep }
