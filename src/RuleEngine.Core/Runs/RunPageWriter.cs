using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;

namespace RuleEngine.Runs;

/// <summary>
/// Writes a run's pages behind its reading: a page's outcomes are applied on the writer while the runner reads and
/// evaluates the next page; then the page is settled: its changes recorded, its customers counted and the run's
/// progress saved, queued together just ahead of the next page's outcomes so that the writer usually commits all of
/// them as one transaction. Progress is queued only after the outcomes it counts are committed, so it never runs
/// ahead of them. At most one page's outcomes are in flight. Used from one logical flow at a time, like the tally.
/// If storage fails while recording a page, the next page's outcomes, already queued, may still be applied unrecorded;
/// the run fails either way. A preview hands its own page work (two plans compared) instead of one batch.
/// </summary>
sealed class RunPageWriter(IOutcomeWriter outcomes, IRunStore runs, RunTally tally, RunLogBook book, OutcomeSource source, OutcomeMode mode)
{
    (int Customers, Task<PageRecords>? Work, long Evaluated, long Failed)? _inFlight;
    Task? _records;

    /// <summary>Settles the page before, then queues this page's outcomes; the run with the settled page's progress.</summary>
    public Task<Run> WriteAsync(Run run, OutcomeBatchBuilder batch, int customers) =>
        WriteAsync(run, customers, batch.IsEmpty ? null : () => ApplyAsync(run.Id, batch));

    /// <summary>
    /// Settles the page before, then starts <paramref name="work"/> for this page: what it stores and, once it is done,
    /// how its result is recorded (called when the page is settled, on the run's flow, so tallies need no locks).
    /// </summary>
    public async Task<Run> WriteAsync(Run run, int customers, Func<Task<PageRecords>>? work)
    {
        // Settled first: a page's outcomes are queued only once the page before was applied, so a page that failed to
        // be written stops the run before anything after it is.
        run = await SettleAsync(run);
        // Once started, a page's batch is applied whole even if cancellation arrives meanwhile: pages are atomic.
        // Its evaluation counts are taken now: by the time it settles, the next page is evaluated too.
        var evaluatedSoFar = tally.Counts;
        _inFlight = (customers, work?.Invoke(), evaluatedSoFar.Evaluated, evaluatedSoFar.Failed);
        return run;
    }

    async Task<PageRecords> ApplyAsync(string runId, OutcomeBatchBuilder batch)
    {
        var result = await outcomes.ApplyAsync(batch.Build(source), mode, CancellationToken.None);
        return () => tally.Record(runId, result);
    }

    /// <summary>
    /// Settles the page still in flight, whatever ended the run's loop: its outcomes are committed when this returns;
    /// its records are queued, and <see cref="Recorded"/> completes once they are committed too.
    /// </summary>
    public Task<Run> FlushAsync(Run run) => SettleAsync(run);

    /// <summary>The last page's records, queued by <see cref="FlushAsync"/>: the runner awaits them with its own last writes.</summary>
    public Task Recorded => _records ?? Task.CompletedTask;

    async Task<Run> SettleAsync(Run run)
    {
        if (_inFlight is not { } page) return run;
        _inFlight = null;
        var records = page.Work is null ? [] : (await page.Work)();
        // The page before queued its records just ahead of this page's outcomes, often into the same commit: done by now.
        if (_records is { } earlier) await earlier;
        tally.Processed(page.Customers);
        // The saved counts are those of the settled pages only, matching the progress: what a resumed range starts from.
        run = run with
        {
            Progress = run.Progress with { Processed = tally.ProcessedCustomers },
            Counts = tally.Counts with { Evaluated = page.Evaluated, Failed = page.Failed },
        };
        _records = Task.WhenAll(
            runs.AppendOutcomesAsync(records, CancellationToken.None),
            runs.SaveAsync(run, CancellationToken.None),
            runs.AppendLogAsync(book.Drain(), CancellationToken.None));
        return run;
    }
}

/// <summary>Records a written page's result in the run's tallies and returns its outcome records.</summary>
delegate IReadOnlyList<RunOutcomeRecord> PageRecords();
