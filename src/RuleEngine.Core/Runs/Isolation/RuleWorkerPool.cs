using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RuleEngine.Runs.Isolation;

/// <summary>
/// The server's rule workers: a run rents one for its rule version (an idle one that has it loaded, else the idle one
/// used least recently, which unloads the version it had and loads this one, else a fresh process) and returns it at
/// the end. Starting a worker is a .NET process start (about half a second of CPU): with only same-version reuse, a
/// mixed load of dry runs over two dozen rules started one a second and spent a quarter of the machine on it. A worker
/// is retired after <see cref="RunOptions.WorkerRunsBeforeRestart"/> runs (what rules leave behind goes with it), and
/// one that died, hung, was killed or saw a rule run out of memory is never reused.
/// </summary>
public sealed class RuleWorkerPool(IOptions<RunOptions> options, ILogger<RuleWorkerPool> log) : IDisposable
{
    readonly Lock _lock = new();
    readonly LinkedList<RuleWorkerProcess> _idle = new();
    WorkerLaunch? _launch;
    bool _ceilingLogged, _disposed;
    long _started, _failed;

    /// <summary>Workers started since the server started, and those that failed, hung or were killed (never reused).</summary>
    public (long Started, long Failed) Counts => (Interlocked.Read(ref _started), Interlocked.Read(ref _failed));

    public RuleWorkerProcess Rent(string versionHash)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var node = _idle.First; node is not null; node = node.Next)
            {
                if (node.Value.Hash != versionHash || node.Value.HasExited) continue;
                _idle.Remove(node);
                return node.Value;
            }
            // Another version's worker: the run's first frame sends this version, and the worker swaps it in.
            for (var node = _idle.Last; node is not null; node = node.Previous)
            {
                if (node.Value.HasExited) continue;
                _idle.Remove(node);
                node.Value.Hash = versionHash;
                return node.Value;
            }
            if (_launch is null)
            {
                _launch = WorkerLaunch.Beside(options.Value);
                WorkerMemoryCeiling.SweepLeftovers();
            }
        }
        var worker = RuleWorkerProcess.Start(_launch);
        Interlocked.Increment(ref _started);
        worker.Hash = versionHash;
        if (!_ceilingLogged)
        {
            _ceilingLogged = true;
            log.LogInformation("Rule workers run out of process; memory ceiling: {Ceiling}", worker.MemoryCeiling);
        }
        return worker;
    }

    /// <param name="healthy">False when the worker failed, hung or was killed: it is ended, never reused.</param>
    public void Return(RuleWorkerProcess worker, bool healthy)
    {
        worker.Runs++;
        if (!healthy) Interlocked.Increment(ref _failed);
        var retire = !healthy || worker.HasExited || worker.Runs >= options.Value.WorkerRunsBeforeRestart;
        RuleWorkerProcess? evicted = null;
        lock (_lock)
        {
            if (!retire && !_disposed)
            {
                _idle.AddFirst(worker);
                if (_idle.Count > options.Value.WorkerIdleKept)
                {
                    evicted = _idle.Last!.Value;
                    _idle.RemoveLast();
                }
            }
            else retire = true;
        }
        if (retire) worker.Dispose();
        evicted?.Dispose();
    }

    /// <summary>Workers alive and idle (for tests and /metrics).</summary>
    public int Idle
    {
        get { lock (_lock) return _idle.Count; }
    }

    public void Dispose()
    {
        List<RuleWorkerProcess> idle;
        lock (_lock)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var worker in idle) worker.Dispose();
    }
}
