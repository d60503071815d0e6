using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Observability;
using RuleEngine.Rules;
using RuleEngine.Runs.Preview;
using RuleEngine.Storage;

namespace RuleEngine.Runs;

/// <summary>
/// Executes one run: streams customers a page at a time (as they were at the run's clock), has <see cref="PageEvaluator"/>
/// call the rule's compiled <c>Evaluate()</c> for each, and applies each page's outcomes in one storage batch (or, for a
/// dry run, previews them with the same logic and keeps nothing) while the next page is read and evaluated. A customer
/// whose evaluation throws is recorded and skipped; the run fails once too many do. Memory holds one page of customers
/// and the outcomes of the page before, never the whole base.
/// </summary>
public sealed class RuleRunner(
    ICustomerStream customers,
    ICustomerStore customerStore,
    IOutcomeWriter outcomes,
    IRunStore runs,
    CustomerStateReader state,
    IOptions<RunOptions> options,
    TimeProvider clock,
    ILogger<RuleRunner> log,
    RuleEngineMetrics? metrics = null,
    IAuditLog? audit = null,
    RunWatch? watchers = null,
    Benefits.Catalog.BenefitCatalogKeeper? benefits = null,
    Isolation.RuleWorkerPool? workers = null)
{
    /// <param name="draft">For a preview: the draft evaluated beside <paramref name="version"/> on every page read (see <see cref="PreviewPass"/>).</param>
    /// <param name="slice">For one range of a partitioned run: its customers and where its records go.</param>
    public async Task<Run> ExecuteAsync(Run run, ActiveVersion version, CancellationToken cancellation, ActiveVersion? draft = null, RunSlice? slice = null)
    {
        var settings = options.Value;
        var records = slice?.Records ?? runs;
        // A range's run-level record (audit entry, metrics) is the whole run's, kept by whoever coordinates it.
        var runAudit = slice is null ? audit : null;
        var runMetrics = slice is null ? metrics : null;
        var watch = Stopwatch.StartNew();
        // A run's own wall-clock limit, beside the cancellation ops may ask for: it stops whatever evaluates (guards in
        // the server, by killing the worker in a worker) and fails the run.
        using var overrun = settings.RunTimeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var limited = overrun is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellation, overrun.Token);
        var requested = cancellation;
        cancellation = limited?.Token ?? cancellation;
        using var scope = log.BeginScope(new Dictionary<string, object> { ["RunId"] = run.Id, ["Rule"] = run.Rule });
        var book = new RunLogBook(run.Id, clock, log, watchers);
        run = run with
        {
            Status = RunStatus.Running, StartedAt = Now(), VersionHash = version.Hash, Kind = version.Header.Kind,
            Progress = new RunProgress(0, slice?.Customers ?? run.CustomerIds?.Count ?? customerStore.Count()),
        };
        book.Info($"Run started: rule {run.Rule} version {version.Hash[..12]}, as of {run.AsOf:O}, " +
            $"{(draft is not null ? $"preview of draft {draft.Hash[..12]} against it, " : run.DryRun ? "dry run, " : "")}{run.Progress.Total} customers");
        // Not awaited here: the writer keeps order, so this lands ahead of the first page's outcomes, usually in the same
        // commit. Every write of the run is awaited before it returns (below), so nothing is acknowledged early.
        var startRecorded = records.SaveAsync(run, CancellationToken.None);
        await Task.Yield(); // evaluation below is synchronous work: the caller gets its thread back first, as it did when this was awaited

        var tally = new RunTally(settings, run.DryRun && draft is null ? new ImpactCollector(settings.ImpactSampleSize) : null);
        PreviewPass? preview = null;
        RunPageWriter? pages = null;
        try
        {
            var source = new OutcomeSource { Rule = run.Rule, RuleVersionHash = version.Hash, RunId = run.Id, At = run.AsOf };
            var population = new PopulationStats(() => AllCustomers(run.AsOf, settings.PageSize), run.AsOf);
            var catalog = benefits?.Current ?? Benefits.Catalog.BenefitCatalog.Empty;
            var states = new PageStates(state, run.AsOf);
            if (draft is not null) preview = new PreviewPass(run, draft, source, population, book, settings, outcomes, states, catalog, workers);
            pages = new RunPageWriter(outcomes, records, tally, book, source, run.DryRun ? OutcomeMode.Preview : OutcomeMode.Apply);
            // A preview reads each page once for both versions: events too when either version can read them.
            var withEvents = version.Rule.ReadsEvents || draft?.Rule.ReadsEvents == true;
            var pagesToRead = slice?.Pages(settings.PageSize, withEvents) ?? Pages(run, settings.PageSize, withEvents);
            try
            {
                // In workers, the next page is read while the last one is evaluated. Two workers on one run pay off for
                // a run of the whole base; a triggered batch is a few pages, one of many rules' batches in a row, and a
                // second lane per rule only doubled the workers that the pool must keep or start again (measured:
                // evaluation of order-triggered batches at half the rate), so it keeps one.
                if (draft is null && settings.Evaluation == RuleEvaluation.Worker && workers is not null)
                {
                    var lanes = Enumerable.Range(0, run.Trigger == RunTrigger.Event ? 1 : Math.Max(1, settings.WorkersPerRun))
                        .Select(_ => new Isolation.WorkerPageEvaluator(run, version, population, states, book, workers, settings, catalog)).ToList();
                    try
                    {
                        run = await new Isolation.ParallelWorkerPages(lanes, state, run.AsOf)
                            .RunAsync(run, pagesToRead, pages, tally, () => ThrowIfTooManyFailures(tally, null, final: false), cancellation);
                    }
                    finally
                    {
                        foreach (var lane in lanes) lane.Dispose();
                    }
                }
                else run = await EvaluateInTurnAsync(run, version, draft, pagesToRead, population, states, book, catalog, pages, tally, preview, cancellation);
            }
            finally
            {
                // Whatever ended the loop, the page still being written is settled before the run is: counted and recorded.
                run = await pages.FlushAsync(run);
            }
            ThrowIfTooManyFailures(tally, preview, final: true);
            run = Finish(run, RunStatus.Succeeded, null, tally, book, preview);
        }
        catch (OperationCanceledException) when (!requested.IsCancellationRequested && overrun?.IsCancellationRequested == true)
        {
            run = Finish(run, RunStatus.Failed, $"The run ran past its time limit ({settings.RunTimeout}, RuleEngine:Runs:RunTimeout); " +
                (run.DryRun ? "a dry run changed nothing." : "the pages applied before stay applied, a rerun completes the rest."), tally, book, preview);
        }
        catch (OperationCanceledException) when (requested.IsCancellationRequested)
        {
            run = Finish(run, RunStatus.Cancelled, run.DryRun
                ? "Cancelled on request; a dry run changed nothing, its figures cover the customers processed."
                : "Cancelled on request; the pages applied before stay applied, a rerun completes the rest.", tally, book, preview);
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {RunId} of {Rule} failed", run.Id, run.Rule);
            run = Finish(run, RunStatus.Failed, e is RunFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}", tally, book, preview);
        }
        preview?.Dispose(); // hands the draft's worker back
        // The run's last writes are queued together, so the writer commits them as one transaction (or two) instead of
        // one commit each: a triggered batch runs several rules one after the other, and each commit is an fsync. The
        // final status goes last, so whoever sees the run finished finds its log and audit entry written too.
        var lastWrites = Task.WhenAll(
            startRecorded, pages?.Recorded ?? Task.CompletedTask,
            records.AppendLogAsync(book.Drain(), CancellationToken.None),
            runAudit?.TryAppendAsync(AuditEvents.RunFinished(run)) ?? Task.CompletedTask,
            records.SaveAsync(run, CancellationToken.None));
        runMetrics?.RunFinished(run.Rule, run.Status.ToString().ToLowerInvariant(), watch.Elapsed, run.DryRun);
        runMetrics?.CustomersEvaluated(run.Rule, run.Counts.Evaluated);
        // A dry run or preview applied nothing: its worker moves on while its records are committed (in order, behind
        // everything queued before them), so a busy writer does not hold the dry-run lane. A run that applied outcomes
        // is finished only once its records are, and fails if they cannot be written.
        if (run.DryRun) _ = KeepRecordsAsync(run, lastWrites, records);
        else run = await KeepRecordsAsync(run, lastWrites, records);
        return run;
    }

    // One page at a time on the run's thread (in the server, or in one worker); a preview evaluates both versions.
    async Task<Run> EvaluateInTurnAsync(Run run, ActiveVersion version, ActiveVersion? draft, IEnumerable<IReadOnlyList<Storage.CustomerData>> pagesToRead,
        Scripting.Api.IPopulation population, PageStates states, RunLogBook book, Benefits.Catalog.BenefitCatalog catalog, RunPageWriter pages,
        RunTally tally, PreviewPass? preview, CancellationToken cancellation)
    {
        using var evaluator = IPageEvaluator.For(run, version, population, states, book, options.Value, catalog, workers,
            keepByCustomer: draft is not null, logPrefix: draft is null ? null : "live: ");
        foreach (var page in pagesToRead)
        {
            cancellation.ThrowIfCancellationRequested();
            states.NewPage(page.Select(c => c.Customer.Id));
            var batch = evaluator.Evaluate(page, tally, cancellation);
            // Applied while the next page is read and evaluated; settled (recorded, counted) when that one is written.
            run = preview is null
                ? await pages.WriteAsync(run, batch, page.Count)
                : await pages.WriteAsync(run, page.Count, preview.Compare(page, batch, tally, cancellation));
            ThrowIfTooManyFailures(tally, preview, final: false);
        }
        return run;
    }

    async Task<Run> KeepRecordsAsync(Run run, Task records, IRunStore store)
    {
        try
        {
            await records;
        }
        catch (Exception e) when (run.DryRun || run.Status != RunStatus.Failed)
        {
            // Storage refused one of the run's records (its outcomes are committed): the run cannot claim it finished well.
            log.LogError(e, "Run {RunId} of {Rule}: its records could not be written", run.Id, run.Rule);
            run = run with { Status = RunStatus.Failed, Error = $"The run's records could not be written: {e.Message}" };
            try
            {
                await store.SaveAsync(run, CancellationToken.None);
            }
            catch (Exception again) when (run.DryRun)
            {
                log.LogError(again, "Dry run {RunId} of {Rule}: its failed status could not be written either", run.Id, run.Rule);
            }
        }
        return run;
    }

    static void ThrowIfTooManyFailures(RunTally tally, PreviewPass? preview, bool final)
    {
        if (tally.TooManyFailures(final)) throw new RunFailedException(tally.FailureMessage);
        if (preview?.TooManyFailures(final) == true) throw new RunFailedException(preview.FailureMessage);
    }

    Run Finish(Run run, RunStatus status, string? error, RunTally tally, RunLogBook book, PreviewPass? preview)
    {
        var finished = run with
        {
            Status = status, FinishedAt = Now(), Error = error, Counts = tally.Counts, Impact = tally.Impact, Comparison = preview?.Impact(tally),
            Progress = run.Progress with { Processed = tally.ProcessedCustomers },
        };
        var message = $"Run {status.ToString().ToLowerInvariant()}: {tally.Counts.Evaluated} evaluated, {tally.Counts.Failed} failed, " +
            $"{tally.Counts.SegmentChanges} segment changes, {tally.Counts.PointsEntries} points entries, {tally.Counts.TasksCreated} tasks created" +
            (error is null ? "" : $". {error}");
        if (status == RunStatus.Succeeded) book.Info(message); else book.Error(message);
        return finished;
    }

    /// <summary>Events are read only for a rule whose code can read them: they are the largest input, and most rules never look.</summary>
    IEnumerable<IReadOnlyList<CustomerData>> Pages(Run run, int pageSize, bool withEvents) =>
        run.CustomerIds is { } ids
            ? ids.Chunk(pageSize).Select(chunk => customers.Read(chunk, withEvents))
            : customers.ReadPages(pageSize, withEvents: withEvents);

    /// <summary>Population statistics are taken of orders only, so their pass never reads events.</summary>
    IEnumerable<CustomerData> AllCustomers(DateTime asOf, int pageSize) =>
        customers.ReadPages(pageSize, withEvents: false).SelectMany(page => page).Select(c => AsOfView.Of(c, asOf)).OfType<CustomerData>();

    DateTime Now() => clock.GetUtcNow().UtcDateTime;
}

/// <summary>
/// One range of a partitioned run (see Cluster/RangeWorker): <see cref="Pages"/> reads only its customers (page size,
/// with events?), <see cref="Customers"/> is its size, and <see cref="Records"/> takes what the runner saves of the
/// run: progress to the range, log lines and outcome records to the whole run.
/// </summary>
public sealed record RunSlice(Func<int, bool, IEnumerable<IReadOnlyList<CustomerData>>> Pages, long Customers, IRunStore Records);

/// <summary>The run stopped itself (too many customers failed).</summary>
sealed class RunFailedException(string message) : Exception(message);
