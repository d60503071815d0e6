using System.Collections.Concurrent;

namespace RuleEngine.Editing;

/// <summary>
/// A few reused workspaces, one per concurrent caller (up to the CPU count, at most 4): editing calls run in
/// parallel without sharing a workspace, and none is ever built per call. A caller beyond the limit waits.
/// </summary>
sealed class EditingWorkspacePool : IDisposable
{
    readonly ConcurrentBag<EditingWorkspace> _idle = [];
    readonly SemaphoreSlim _slots;
    int _created;

    public EditingWorkspacePool(int? size = null) => _slots = new SemaphoreSlim(size ?? Math.Clamp(Environment.ProcessorCount, 1, 4));

    /// <summary>How many workspaces were ever built (they are reused: this stays at most the pool size).</summary>
    public int Created => _created;

    public async Task<T> UseAsync<T>(Func<EditingWorkspace, Task<T>> work, CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation);
        EditingWorkspace? workspace = null;
        try
        {
            if (!_idle.TryTake(out workspace))
            {
                workspace = new EditingWorkspace();
                Interlocked.Increment(ref _created);
            }
            return await work(workspace);
        }
        finally
        {
            if (workspace is not null) _idle.Add(workspace);
            _slots.Release();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var workspace)) workspace.Dispose();
    }
}
