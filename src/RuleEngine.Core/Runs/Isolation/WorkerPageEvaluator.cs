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
    bool _healthy = true;

    public OutcomeBatchBuilder Evaluate(IReadOnlyList<CustomerData> page, RunTally tally, CancellationToken cancellation)
    {
        var batch = new OutcomeBatchBuilder(keepByCustomer, catalog);
        var customers = page.Select(raw => AsOfView.Of(raw, run.AsOf)).OfType<CustomerData>().ToList();
        if (customers.Count == 0) return batch;
        var worker = Worker();
        using var cancelled = cancellation.Register(() => worker.Kill("cancelled"));
        using var overstay = new Timer(_ => worker.Kill($"was stopped after {options.WorkerPageTimeout.TotalSeconds:0} s on one page (RuleEngine:Runs:WorkerPageTimeout)"),
            null, options.WorkerPageTimeout, Timeout.InfiniteTimeSpan);
        PageEvaluated? answer;
        try
        {
            WorkerFrames.Write(worker.Input, FrameKind.Page, new PageCall(customers));
            answer = Converse(worker);
        }
        catch (IOException)
        {
            answer = null; // the pipe broke: the worker is gone
        }
        if (answer is null)
        {
            _healthy = false;
            cancellation.ThrowIfCancellationRequested();
            throw new RunFailedException(
                $"The rule worker {worker.DeathReason()} while evaluating customers {customers[0].Customer.Id}..{customers[^1].Customer.Id} " +
                $"(rule {run.Rule}{(version.Hash == run.VersionHash || run.VersionHash is null ? "" : $", version {version.Hash[..12]}")}, {customers.Count} customers); " +
                "nothing of that page was applied, a rerun completes the run.");
        }
        foreach (var customer in answer.Customers)
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

    /// <summary>Answers the worker's questions until it sends the page's result; null if it went away.</summary>
    PageEvaluated? Converse(RuleWorkerProcess worker)
    {
        while (WorkerFrames.Read(worker.Output) is { } frame)
        {
            switch (frame.Kind)
            {
                case FrameKind.StatesWanted:
                    var wanted = WorkerFrames.Body<StatesWanted>(frame.Body).CustomerIds;
                    WorkerFrames.Write(worker.Input, FrameKind.StatesGiven,
                        new StatesGiven(wanted.Distinct(StringComparer.Ordinal).ToDictionary(id => id, states.Read, StringComparer.Ordinal)));
                    break;
                case FrameKind.PopulationWanted:
                    var question = WorkerFrames.Body<PopulationWanted>(frame.Body);
                    WorkerFrames.Write(worker.Input, FrameKind.PopulationGiven,
                        new PopulationGiven(population.Of(question.Metric, question.WindowDays).SortedValues));
                    break;
                case FrameKind.PageEvaluated:
                    return WorkerFrames.Body<PageEvaluated>(frame.Body);
                case FrameKind.Fatal:
                    _healthy = false;
                    throw new RunFailedException($"The rule worker gave up: {WorkerFrames.Body<Fatal>(frame.Body).Message}");
                default:
                    _healthy = false;
                    throw new RunFailedException($"The rule worker sent a {frame.Kind} frame the server does not expect.");
            }
        }
        return null;
    }

    RuleWorkerProcess Worker()
    {
        if (_worker is not null) return _worker;
        _worker = pool.Rent(version.Hash);
        try
        {
            var compiled = version.Rule.Compiled;
            WorkerFrames.Write(_worker.Input, FrameKind.RunStart, new RunStart(
                run.Id, run.Rule, version.Hash, compiled.Image, compiled.Pdb, run.AsOf, run.Parameters, options.CustomerTimeout, catalog));
        }
        catch (IOException)
        {
            _healthy = false; // found dead on arrival: the page's evaluation reports why
        }
        return _worker;
    }

    public void Dispose()
    {
        if (_worker is not null) pool.Return(_worker, _healthy);
    }
}
