using RuleEngine.Benefits.Catalog;
using RuleEngine.Rules;
using RuleEngine.Scripting.Api;
using RuleEngine.Storage;

namespace RuleEngine.Runs.Isolation;

/// <summary>
/// Evaluates a run's pages in a rule worker process: sends each page (cut at the run's clock), answers the worker's
/// questions about state and the population from storage, and turns its answer into the page's batch, tally and log
/// exactly as <see cref="PageEvaluator"/> does in the server. A worker that dies, or is killed for overstaying a page,
/// fails the run with what happened and which customers it was evaluating; nothing of that page was applied, so a
/// rerun completes the run with nothing applied twice.
/// </summary>
sealed class WorkerPageEvaluator(
    Run run, ActiveVersion version, IPopulation population, PageStates states, RunLogBook book, RuleWorkerPool pool, RunOptions options,
    BenefitCatalog? catalog, bool keepByCustomer = false, string? logPrefix = null) : IPageEvaluator
{
    RuleWorkerProcess? _worker;
    bool _healthy = true, _started;

    /// <summary>A page's answer from the worker, with the customers it was sent (after the as-of cut).</summary>
    public sealed record Remote(IReadOnlyList<CustomerData> Customers, PageEvaluated? Answer);

    public OutcomeBatchBuilder Evaluate(IReadOnlyList<CustomerData> page, RunTally tally, CancellationToken cancellation) =>
        Replay(EvaluateRemote(page, states, cancellation), tally);

    /// <summary>
    /// The worker's part: may run on any thread, beside other lanes of the same run (<see cref="ParallelWorkerPages"/>).
    /// </summary>
    /// <exception cref="RunFailedException">The worker died or was killed; says how and on which customers.</exception>
    public Remote EvaluateRemote(IReadOnlyList<CustomerData> page, PageStates pageStates, CancellationToken cancellation)
    {
        var customers = page.Select(raw => AsOfView.Of(raw, run.AsOf)).OfType<CustomerData>().ToList();
        if (customers.Count == 0) return new Remote(customers, new PageEvaluated([]));
        var worker = Worker();
        var answer = worker.Evaluate(Start(), new PageCall(customers),
            wanted => new StatesGiven(wanted.CustomerIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => pageStates.Read(id, wanted.Parts), StringComparer.Ordinal)),
            question => new PopulationGiven(population.Of(question.Metric, question.WindowDays).SortedValues),
            options.WorkerPageTimeout, cancellation);
        if (answer is not null)
        {
            // A rule that ran out of memory may leave the worker's heap grown and fragmented (the next run's first large
            // allocation failed in it) or a type initialiser failed for good: the worker is retired after this run.
            if (answer.Customers.Any(c => c.Error?.Type == nameof(OutOfMemoryException))) _healthy = false;
            return new Remote(customers, answer);
        }
        _healthy = false;
        cancellation.ThrowIfCancellationRequested();
        throw new RunFailedException(
            $"The rule worker {worker.DeathReason()} while evaluating customers {customers[0].Customer.Id}..{customers[^1].Customer.Id} " +
            $"(rule {run.Rule}{(version.Hash == run.VersionHash || run.VersionHash is null ? "" : $", version {version.Hash[..12]}")}, {customers.Count} customers); " +
            "nothing of that page was applied, a rerun completes the run.");
    }

    /// <summary>The run's part, on the run's thread and in page order: the log, the tally and the page's batch.</summary>
    public OutcomeBatchBuilder Replay(Remote remote, RunTally tally)
    {
        var batch = new OutcomeBatchBuilder(keepByCustomer, catalog);
        foreach (var customer in remote.Answer!.Customers)
        {
            foreach (var line in customer.Logs) book.Info($"{logPrefix}[{customer.CustomerId}] {line}");
            tally.Evaluated(customer.Error is null);
            if (customer.Error is { } error)
            {
                book.Warning($"{logPrefix}Customer {customer.CustomerId} failed: {error}", customer.CustomerId);
                continue;
            }
            foreach (var outcome in customer.Outcomes) batch.Add(customer.CustomerId, outcome);
        }
        return batch;
    }

    RuleWorkerProcess Worker() => _worker ??= pool.Rent(version.Hash);

    // The run's rule version and clock, sent with the first page this worker sees of the run.
    RunStart? Start()
    {
        if (_started) return null;
        _started = true;
        var compiled = version.Rule.Compiled;
        return new RunStart(run.Id, run.Rule, version.Hash, compiled.Image, compiled.Pdb, run.AsOf, run.Parameters, options.CustomerTimeout, catalog);
    }

    public void Dispose()
    {
        if (_worker is not null) pool.Return(_worker, _healthy);
    }
}
