using RuleEngine.Storage;

namespace RuleEngine.Runs.Isolation;

/// <summary>
/// A run's pages evaluated by several workers at once (<see cref="RunOptions.WorkersPerRun"/>), so that a CPU-heavy rule
/// uses every core: the run's thread reads page after page and hands each to the next lane while the others still
/// evaluate; answers are taken back in page order, logged, counted and written one page at a time as before (storage
/// stays one reader and one writer). When a lane fails, the pages after it are dropped unapplied and their workers
/// stopped, exactly as a single lane would never have reached them.
/// </summary>
sealed class ParallelWorkerPages(IReadOnlyList<WorkerPageEvaluator> lanes, CustomerStateReader reader, DateTime asOf)
{
    sealed record InFlight(Task<WorkerPageEvaluator.Remote> Work, WorkerPageEvaluator Lane, int Customers);

    /// <param name="settled">After each page is written (the failure-ratio check).</param>
    public async Task<Run> RunAsync(Run run, IEnumerable<IReadOnlyList<CustomerData>> pages, RunPageWriter writer, RunTally tally,
        Action settled, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var inFlight = new Queue<InFlight>();
        var next = 0;
        try
        {
            foreach (var page in pages)
            {
                cancellation.ThrowIfCancellationRequested();
                // The lane used K pages ago is free: that page was taken back before this one is handed out.
                if (inFlight.Count == lanes.Count) run = await SettleAsync(run, inFlight.Dequeue());
                var lane = lanes[next++ % lanes.Count];
                var states = new PageStates(reader, asOf);
                states.NewPage(page.Select(c => c.Customer.Id));
                inFlight.Enqueue(new InFlight(Task.Run(() => lane.EvaluateRemote(page, states, stop.Token), CancellationToken.None), lane, page.Count));
            }
            while (inFlight.Count > 0) run = await SettleAsync(run, inFlight.Dequeue());
            return run;
        }
        finally
        {
            if (inFlight.Count > 0)
            {
                // Something failed or was cancelled: the pages still out are dropped, their workers stopped and waited for.
                await stop.CancelAsync();
                try { await Task.WhenAll(inFlight.Select(f => f.Work)); }
                catch (Exception) { /* already reported by the page that failed first */ }
            }
        }

        async Task<Run> SettleAsync(Run current, InFlight page)
        {
            var remote = await page.Work;
            current = await writer.WriteAsync(current, page.Lane.Replay(remote, tally), page.Customers);
            settled();
            return current;
        }
    }
}
