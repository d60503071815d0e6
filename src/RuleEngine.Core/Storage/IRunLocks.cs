using System.Collections.Concurrent;

namespace RuleEngine.Storage;

/// <summary>
/// The locks that keep runs apart wherever they execute: never two runs of one rule applying outcomes at once, and
/// never one run executed twice. On one server they are in-process (<see cref="LocalRunLocks"/>); on PostgreSQL they are
/// advisory locks held by a session of the executing node, so they hold across a cluster and vanish with a node that dies.
/// </summary>
public interface IRunLocks
{
    /// <summary>Waits for the rule's lock; disposing the handle releases it.</summary>
    Task<IAsyncDisposable> RuleAsync(string rule, CancellationToken cancellationToken);

    /// <summary>Waits for the run's lock, held for as long as the run executes; disposing the handle releases it.</summary>
    Task<IAsyncDisposable> RunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>True while some server executes the run (holds its lock): a "running" run no one holds was left by a crash.</summary>
    bool IsExecuting(string runId);
}

/// <summary>The run locks of one server: semaphores in memory (a restart forgets them, and nothing executes before it).</summary>
public sealed class LocalRunLocks : IRunLocks
{
    readonly ConcurrentDictionary<string, SemaphoreSlim> _rules = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, SemaphoreSlim> _runs = new(StringComparer.Ordinal);

    public Task<IAsyncDisposable> RuleAsync(string rule, CancellationToken cancellationToken) => TakeAsync(_rules, rule, keep: true, cancellationToken);

    public Task<IAsyncDisposable> RunAsync(string runId, CancellationToken cancellationToken) => TakeAsync(_runs, runId, keep: false, cancellationToken);

    public bool IsExecuting(string runId) => _runs.TryGetValue(runId, out var held) && held.CurrentCount == 0;

    static async Task<IAsyncDisposable> TakeAsync(ConcurrentDictionary<string, SemaphoreSlim> locks, string key, bool keep, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(() =>
        {
            // Run locks are one per run: forgotten once released (a run is executed once), so they do not pile up.
            if (!keep) locks.TryRemove(new KeyValuePair<string, SemaphoreSlim>(key, gate));
            gate.Release();
        });
    }

    sealed class Release(Action release) : IAsyncDisposable
    {
        int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) release();
            return ValueTask.CompletedTask;
        }
    }
}
