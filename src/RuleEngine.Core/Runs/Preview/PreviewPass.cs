using RuleEngine.Domain.Outcomes;
using RuleEngine.Rules;
using RuleEngine.Scripting.Api;
using RuleEngine.Storage;

namespace RuleEngine.Runs.Preview;

/// <summary>
/// The draft's half of a preview run. The runner reads each page once and evaluates it with the live version as in a
/// dry run; this evaluates the same page (same customers, as-of view, state and population statistics) with the draft,
/// plans both versions' outcomes against the stored state with reads only (as a dry run plans), and hands the runner's
/// page writer the comparison to record. Nothing is written but the run's own record, log and difference rows.
/// </summary>
sealed class PreviewPass
{
    static readonly OutcomeResult Nothing = new(new OutcomeCounts(), []);

    readonly PageEvaluator _evaluator;
    readonly RunTally _draftTally;
    readonly PreviewComparison _comparison;
    readonly IOutcomeWriter _outcomes;
    readonly OutcomeSource _liveSource, _draftSource;

    public PreviewPass(Run run, ActiveVersion draft, OutcomeSource liveSource, IPopulation population, CustomerStateReader state,
        RunLogBook book, RunOptions options, IOutcomeWriter outcomes)
    {
        _evaluator = new PageEvaluator(run, draft, population, state, book, options.CustomerTimeout, keepByCustomer: true, logPrefix: "draft: ");
        _draftTally = new RunTally(options, null);
        _comparison = new PreviewComparison(run.Id, options.ImpactSampleSize);
        _outcomes = outcomes;
        _liveSource = liveSource;
        _draftSource = liveSource with { RuleVersionHash = draft.Hash };
    }

    public bool TooManyFailures(bool final) => _draftTally.TooManyFailures(final);

    public string FailureMessage => $"The draft: {_draftTally.FailureMessage}";

    /// <summary>Evaluates the page with the draft (on the run's thread: the guard scope belongs to it) and returns the page's work.</summary>
    /// <param name="tally">The run's tally: it counts what the draft would change, as a dry run of the draft would.</param>
    public Func<Task<PageRecords>> Compare(IReadOnlyList<CustomerData> page, OutcomeBatchBuilder live, RunTally tally, CancellationToken cancellation)
    {
        var draft = _evaluator.Evaluate(page, _draftTally, cancellation);
        return async () =>
        {
            var liveResult = await PlanAsync(live, _liveSource);
            var draftResult = await PlanAsync(draft, _draftSource);
            return () =>
            {
                tally.Count(draftResult);
                return _comparison.Compare(liveResult, draftResult, live.ByCustomer, draft.ByCustomer);
            };
        };
    }

    public PreviewImpact Impact(RunTally tally) => _comparison.Build(_draftTally.Counts.Failed, tally.Counts.Failed);

    async Task<OutcomeResult> PlanAsync(OutcomeBatchBuilder batch, OutcomeSource source) =>
        batch.IsEmpty ? Nothing : await _outcomes.ApplyAsync(batch.Build(source), OutcomeMode.Preview, CancellationToken.None);
}
