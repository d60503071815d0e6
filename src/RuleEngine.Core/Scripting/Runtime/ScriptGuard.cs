using System.Runtime.CompilerServices;

namespace RuleEngine.Scripting.Runtime;

/// <summary>
/// The checks that the compiler inserts into rule code: <see cref="Loop"/> at the top of every loop body and
/// <see cref="Call"/> at the entry of every method, local function, lambda and accessor. They stop an endless
/// loop through the run's cancellation or time limit, and runaway recursion before it overflows the stack
/// (a stack overflow cannot be caught: it would kill the server). Both are a few instructions on the fast path;
/// the token and the clock are read once every <see cref="CheckEvery"/> passes.
/// </summary>
public static class ScriptGuard
{
    /// <summary>How many loop passes or calls between two reads of the token and the clock.</summary>
    public const int CheckEvery = 1024;

    /// <summary>Stack that rule code may use below the point where the runner called it.</summary>
    public const int MaxStackBytes = 384 * 1024;

    [ThreadStatic] static GuardState? t_state;
    [ThreadStatic] static GuardState? t_spare;

    /// <summary>
    /// Opens a guarded scope on this thread for calls into rule code; dispose it when they return. One scope serves
    /// a whole page of customers: <see cref="Scope.NextCustomer"/> gives each customer its own budget, so the
    /// thread-static set-up is paid once per page rather than once per customer. Open and dispose it on one thread,
    /// with no <c>await</c> in between.
    /// </summary>
    /// <param name="timeout">Time limit of each customer (not of the scope), counted from the customer's first check.</param>
    public static Scope Begin(CancellationToken cancellation, TimeSpan? timeout = null)
    {
        var previous = t_state;
        // Pages come one after another: reuse this thread's state object rather than allocate one each time.
        var state = previous is null && t_spare is { } spare ? spare : new GuardState();
        state.Start(StackPointer() - MaxStackBytes, cancellation, timeout is { } t ? (long)t.TotalMilliseconds : long.MaxValue);
        t_state = state;
        if (previous is null) t_spare = state;
        return new Scope(state, previous);
    }

    /// <summary>True once the current scope is being aborted: rule <c>catch</c> clauses are filtered on it so that
    /// a rule cannot swallow its own cancellation.</summary>
    public static bool IsAborting => t_state?.Aborting == true;

    /// <summary>Inserted at the top of every loop body.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Loop()
    {
        var state = t_state;
        if (state is not null && --state.Countdown <= 0) state.CheckCancellation();
    }

    /// <summary>Inserted at the entry of every method, local function, lambda and accessor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Call()
    {
        var state = t_state;
        if (state is null)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return;
        }
        if (StackPointer() < state.StackLimit) state.Abort(RuleAbortReason.RecursionTooDeep);
        if (--state.Countdown <= 0) state.CheckCancellation();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe nuint StackPointer()
    {
        byte probe = 0;
        return (nuint)(&probe);
    }

    public readonly struct Scope(GuardState state, GuardState? previous) : IDisposable
    {
        /// <summary>Starts the next customer: a fresh time budget and check count, and no abort left over from the
        /// previous customer. The stack limit and the token stay the scope's: every customer is called from the same depth.</summary>
        public void NextCustomer() => state.NextCustomer();

        public void Dispose() => t_state = previous;
    }

    public sealed class GuardState
    {
        internal nuint StackLimit;
        internal int Countdown;
        CancellationToken _cancellation;
        long _budgetMs;
        long _deadline;
        RuleAbortReason? _abort;

        internal void Start(nuint stackLimit, CancellationToken cancellation, long budgetMs)
        {
            StackLimit = stackLimit;
            _cancellation = cancellation;
            _budgetMs = budgetMs;
            NextCustomer();
        }

        internal void NextCustomer()
        {
            Countdown = CheckEvery;
            _deadline = 0; // the clock starts at the first check: most customers finish before any, and never read it
            _abort = null;
        }

        internal bool Aborting => _abort is not null;

        internal void CheckCancellation()
        {
            if (_abort is { } reason) Abort(reason); // once aborting, every guard (in finally blocks too) throws again
            Countdown = CheckEvery;
            if (_cancellation.IsCancellationRequested) Abort(RuleAbortReason.Cancelled);
            var now = Environment.TickCount64;
            if (_deadline == 0) _deadline = _budgetMs == long.MaxValue ? long.MaxValue : now + _budgetMs;
            else if (now > _deadline) Abort(RuleAbortReason.TimedOut);
        }

        internal void Abort(RuleAbortReason reason)
        {
            _abort = reason;
            Countdown = 0;
            throw new RuleAbortedException(reason);
        }
    }
}
