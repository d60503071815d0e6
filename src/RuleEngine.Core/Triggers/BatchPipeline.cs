using Microsoft.Extensions.Logging;

namespace RuleEngine.Triggers;

/// <summary>
/// A batch the dispatcher has started: its customers, the end of its first run (when the next batch may be read), and
/// its end (the entries it handled acknowledged).
/// </summary>
public sealed record StartedBatch(IReadOnlySet<string> Customers, Task FirstRunEnded, Task<BatchResult> Ended);

/// <summary>
/// When the dispatcher starts batches. It waits for work (a signal from ingest, or the poll interval) and starts batches
/// until the outbox has none for it, up to <see cref="TriggerOptions.BatchesInFlight"/> at once: the next batch is read
/// once the last one's first rule ended, so it collects what arrived meanwhile and its first rule runs while the batch
/// before runs its later ones. A batch never takes a customer of a batch still in flight, and every rule evaluates each
/// customer on its own, so batches side by side give the same results as one after the other (a customer marked again
/// meanwhile waits for the next batch). After a batch that failed, the next one waits (doubling while they keep failing).
/// </summary>
public sealed class BatchPipeline(TriggerSignal signal, TriggerOptions options, TimeProvider clock, ILogger log)
{
    readonly List<StartedBatch> _inFlight = [];
    int _failedInARow;

    /// <param name="start">Reads and starts a batch over customers not in the set given; null when none wait.</param>
    /// <param name="paused">Checked before each batch: while true, nothing new starts.</param>
    public async Task RunAsync(Func<IReadOnlySet<string>, CancellationToken, Task<StartedBatch?>> start, Func<bool> paused, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var signalled = await signal.WaitAsync(options.PollInterval, stopping);
                // A burst's first write wakes us; waiting a moment lets the rest of the burst join the same batch.
                if (signalled && options.BatchWindow > TimeSpan.Zero) await Task.Delay(options.BatchWindow, clock, stopping);
                while (!paused() && !stopping.IsCancellationRequested)
                {
                    if (_inFlight.Count >= Math.Max(1, options.BatchesInFlight)) await Task.WhenAny(_inFlight.Select(b => b.Ended));
                    if (SettleEnded() is { } backOff)
                    {
                        log.LogWarning("A triggered batch did not succeed; its customers stay pending and are retried in {Delay}", backOff);
                        await Task.Delay(backOff, clock, stopping);
                        continue;
                    }

                    StartedBatch? batch;
                    try
                    {
                        batch = await start(_inFlight.SelectMany(b => b.Customers).ToHashSet(StringComparer.Ordinal), stopping);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                    {
                        // Storage away for a moment (a database restarting, the network): the entries are still in the
                        // outbox, so this is a failed batch like any other, retried with the same back-off.
                        log.LogError(e, "Reading the trigger outbox failed");
                        _inFlight.Add(new StartedBatch(new HashSet<string>(), Task.CompletedTask, Task.FromResult(BatchResult.Failed)));
                        continue;
                    }
                    // Nothing waits but what batches in flight hold: the dispatcher raises the signal when they end.
                    if (batch is null) break;
                    _inFlight.Add(batch);
                    await Task.WhenAny(batch.FirstRunEnded, batch.Ended);
                }
            }
        }
        finally
        {
            await Task.WhenAll(_inFlight.Select(b => b.Ended)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Forgets the batches that ended; the back-off to wait when one of them failed.</summary>
    TimeSpan? SettleEnded()
    {
        var ended = _inFlight.Where(b => b.Ended.IsCompleted).ToList();
        _inFlight.RemoveAll(ended.Contains);
        var failed = false;
        foreach (var batch in ended)
        {
            var result = ResultOf(batch.Ended);
            if (result == BatchResult.Failed) failed = true;
            else if (result == BatchResult.Succeeded) _failedInARow = 0;
        }
        if (!failed) return null;
        _failedInARow++;
        return options.RetryDelay * (1 << Math.Min(_failedInARow - 1, 4));
    }

    BatchResult ResultOf(Task<BatchResult> ended)
    {
        if (ended.IsCompletedSuccessfully) return ended.Result;
        if (ended.Exception is { } e) log.LogError(e.InnerException ?? e, "Acknowledging a triggered batch failed");
        return ended.IsCanceled ? BatchResult.Empty : BatchResult.Failed;
    }
}
