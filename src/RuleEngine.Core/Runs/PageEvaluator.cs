using RuleEngine.Rules;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Runtime;
using RuleEngine.Storage;

namespace RuleEngine.Runs;

/// <summary>Evaluates a run's pages: in the server (<see cref="PageEvaluator"/>) or in a worker process (Isolation/WorkerPageEvaluator).</summary>
interface IPageEvaluator : IDisposable
{
    /// <exception cref="OperationCanceledException">The run was cancelled while the page was being evaluated.</exception>
    OutcomeBatchBuilder Evaluate(IReadOnlyList<CustomerData> page, RunTally tally, CancellationToken cancellation);

    /// <summary>In a worker process when the options say so and the server has workers; else in the server.</summary>
    static IPageEvaluator For(
        Run run, ActiveVersion version, IPopulation population, PageStates states, RunLogBook book, RunOptions options,
        Benefits.Catalog.BenefitCatalog? catalog, Isolation.RuleWorkerPool? workers, bool keepByCustomer = false, string? logPrefix = null) =>
        options.Evaluation == RuleEvaluation.Worker && workers is not null
            ? new Isolation.WorkerPageEvaluator(run, version, population, states, book, workers, options, catalog, keepByCustomer, logPrefix)
            : new PageEvaluator(run, version, population, states, book, options.CustomerTimeout, keepByCustomer, logPrefix, catalog);
}

/// <summary>
/// Evaluates a run's customers a page at a time: each customer as of the run's clock, through one rule instance,
/// under one guard scope per page (each customer still gets its own time limit), outcomes collected into the page's
/// batch. Synchronous on purpose: the guard scope belongs to the thread, so it must not span an <c>await</c>.
/// </summary>
/// <param name="states">The page's states, read for the whole page when the first customer's rule asks (in a preview, once for both versions).</param>
sealed class PageEvaluator(
    Run run, ActiveVersion version, IPopulation population, PageStates states, RunLogBook book, TimeSpan customerTimeout,
    bool keepByCustomer = false, string? logPrefix = null, Benefits.Catalog.BenefitCatalog? catalog = null) : IPageEvaluator
{
    readonly RuleScript _rule = version.Rule.CreateInstance();

    /// <exception cref="OperationCanceledException">The run was cancelled while a customer was being evaluated.</exception>
    public OutcomeBatchBuilder Evaluate(IReadOnlyList<CustomerData> page, RunTally tally, CancellationToken cancellation)
    {
        var batch = new OutcomeBatchBuilder(keepByCustomer, catalog);
        using var guarded = RuleEvaluator.BeginPage(cancellation, customerTimeout);
        foreach (var raw in page)
        {
            if (AsOfView.Of(raw, run.AsOf) is not { } data) continue;
            var context = ContextFor(data);
            var error = guarded.Evaluate(version.Rule, _rule, context);
            if (error?.Abort == RuleAbortReason.Cancelled) throw new OperationCanceledException(cancellation);
            tally.Evaluated(error is null);
            if (error is not null)
            {
                book.Warning($"{logPrefix}Customer {data.Customer.Id} failed: {error}", data.Customer.Id);
                continue;
            }
            foreach (var outcome in context.Outcomes) batch.Add(data.Customer.Id, outcome);
        }
        return batch;
    }

    public void Dispose() { }

    RuleContext ContextFor(CustomerData data) => new()
    {
        Customer = data.Customer, Orders = data.Orders, Events = data.Events, Now = run.AsOf, Parameters = run.Parameters,
        Population = population,
        LoadState = parts => states.Read(data.Customer.Id, parts),
        Logger = message => book.Info($"{logPrefix}[{data.Customer.Id}] {message}"),
        Catalog = catalog,
    };
}
