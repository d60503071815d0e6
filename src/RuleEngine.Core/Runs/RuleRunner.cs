using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Observability;
using RuleEngine.Rules;
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
    RunWatch? watchers = null)
{
    public async Task<Run> ExecuteAsync(Run run, ActiveVersion version, CancellationToken cancellation)
    {
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        using var scope = log.BeginScope(new Dictionary<string, object> { ["RunId"] = run.Id, ["Rule"] = run.Rule });
        var book = new RunLogBook(run.Id, clock, log, watchers);
        run = run with
        {
            Status = RunStatus.Running, StartedAt = Now(), VersionHash = version.Hash, Kind = version.Header.Kind,
            Progress = new RunProgress(0, run.CustomerIds?.Count ?? customerStore.Count()),
        };
        book.Info($"Run started: rule {run.Rule} version {version.Hash[..12]}, as of {run.AsOf:O}, {(run.DryRun ? "dry run, " : "")}{run.Progress.Total} customers");
        await runs.SaveAsync(run, CancellationToken.None);

        var tally = new RunTally(settings, run.DryRun ? new ImpactCollector(settings.ImpactSampleSize) : null);
        try
        {
            var source = new OutcomeSource { Rule = run.Rule, RuleVersionHash = version.Hash, RunId = run.Id, At = run.AsOf };
            var population = new PopulationStats(() => AllCustomers(run.AsOf, settings.PageSize), run.AsOf);
            var evaluator = new PageEvaluator(run, version, population, state, book, settings.CustomerTimeout);
            var pages = new RunPageWriter(outcomes, runs, tally, book, source, run.DryRun ? OutcomeMode.Preview : OutcomeMode.Apply);
            try
            {
                foreach (var page in Pages(run, settings.PageSize, version.Rule.ReadsEvents))
                {
                    cancellation.ThrowIfCancellationRequested();
                    var batch = evaluator.Evaluate(page, tally, cancellation);
                    // Applied while the next page is read and evaluated; settled (recorded, counted) when that one is written.
                    run = await pages.WriteAsync(run, batch, page.Count);
                    if (tally.TooManyFailures(final: false)) throw new RunFailedException(tally.FailureMessage);
                }
            }
            finally
            {
                // Whatever ended the loop, the page still being written is settled before the run is: counted and recorded.
                run = await pages.FlushAsync(run);
            }
            if (tally.TooManyFailures(final: true)) throw new RunFailedException(tally.FailureMessage);
            run = Finish(run, RunStatus.Succeeded, null, tally, book);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            run = Finish(run, RunStatus.Cancelled, "Cancelled on request; the pages applied before stay applied, a rerun completes the rest.", tally, book);
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {RunId} of {Rule} failed", run.Id, run.Rule);
            run = Finish(run, RunStatus.Failed, e is RunFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}", tally, book);
        }
        await runs.SaveAsync(run, CancellationToken.None);
        await runs.AppendLogAsync(book.Drain(), CancellationToken.None);
        if (audit is not null) await audit.TryAppendAsync(AuditEvents.RunFinished(run));
        metrics?.RunFinished(run.Rule, run.Status.ToString().ToLowerInvariant(), watch.Elapsed, run.DryRun);
        metrics?.CustomersEvaluated(run.Rule, run.Counts.Evaluated);
        return run;
    }

    Run Finish(Run run, RunStatus status, string? error, RunTally tally, RunLogBook book)
    {
        var finished = run with
        {
            Status = status, FinishedAt = Now(), Error = error, Counts = tally.Counts, Impact = tally.Impact,
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

/// <summary>The run stopped itself (too many customers failed).</summary>
sealed class RunFailedException(string message) : Exception(message);
