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
sealed class PreviewPass : IDisposable
{
    static readonly OutcomeResult Nothing = new(new OutcomeCounts(), []);

    readonly IPageEvaluator _evaluator;
    readonly RunTally _draftTally;
    readonly PreviewComparison _comparison;
    readonly IOutcomeWriter _outcomes;
    readonly OutcomeSource _liveSource, _draftSource;

    public PreviewPass(Run run, ActiveVersion draft, OutcomeSource liveSource, IPopulation population,
        RunLogBook book, RunOptions options, IOutcomeWriter outcomes, PageStates states,
        Benefits.Catalog.BenefitCatalog? catalog = null, Isolation.RuleWorkerPool? workers = null)
    {
        _evaluator = IPageEvaluator.For(run, draft, population, states, book, options, catalog, workers, keepByCustomer: true, logPrefix: "draft: ");
        _draftTally = new RunTally(options, null);
        _comparison = new PreviewComparison(run.Id, options.ImpactSampleSize);
        _outcomes = outcomes;
        _liveSource = liveSource;
        _draftSource = liveSource with { RuleVersionHash = draft.Hash };
    }

    public void Dispose() => _evaluator.Dispose();

    public bool TooManyFailures(bool final) => _draftTally.TooManyFailures(final);

    public string FailureMessage => $"The draft: {_draftTally.FailureMessage}";

    /// <summary>Evaluates the page with the draft (on the run's thread: the guard scope belongs to it) and returns the page's work.</summary>
    /// <param name="tally">The run's tally: it counts what the draft would change, as a dry run of the draft would.</param>
    public Func<Task<PageRecords>> Compare(IReadOnlyList<CustomerData> page, OutcomeBatchBuilder live, RunTally tally, CancellationToken cancellation)
    {
        var draft = _evaluator.Evaluate(page, _draftTally, cancellation);
        return async () =>
        {
            // A customer for whom both versions ask for the very same outcomes gets the very same planned changes (planning
            // one customer reads only that customer's stored state), so only the customers they disagree on are planned
            // twice: the draft's result is live's for everyone else. This keeps a preview near the cost of one dry run.
            var differing = Differing(live.ByCustomer, draft.ByCustomer);
            var liveResult = await PlanAsync(live, _liveSource);
            var draftOnly = new OutcomeBatchBuilder();
            foreach (var customerId in differing)
                foreach (var outcome in draft.ByCustomer.GetValueOrDefault(customerId) ?? []) draftOnly.Add(customerId, outcome);
            var draftDiffering = await PlanAsync(draftOnly, _draftSource);
            var draftResult = Merge(liveResult, draftDiffering, differing);
            return () =>
            {
                tally.Count(draftResult);
                return _comparison.Compare(liveResult, draftResult, live.ByCustomer, draft.ByCustomer);
            };
        };
    }

    static HashSet<string> Differing(IReadOnlyDictionary<string, List<RuleOutcome>> live, IReadOnlyDictionary<string, List<RuleOutcome>> draft)
    {
        var differing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (customerId, outcomes) in live)
            if (!draft.TryGetValue(customerId, out var theirs) || !outcomes.SequenceEqual(theirs)) differing.Add(customerId);
        foreach (var customerId in draft.Keys)
            if (!live.ContainsKey(customerId)) differing.Add(customerId);
        return differing;
    }

    /// <summary>The draft's whole result: live's changes for the customers both agree on, the draft's own for the others.</summary>
    static OutcomeResult Merge(OutcomeResult live, OutcomeResult draftDiffering, HashSet<string> differing)
    {
        var changes = live.Changes.Where(c => !differing.Contains(c.CustomerId)).Concat(draftDiffering.Changes).ToList();
        return new OutcomeResult(CountsOf(changes), changes);
    }

    /// <summary>The counts a batch's changes amount to (as <c>OutcomePlan</c> counts them).</summary>
    static OutcomeCounts CountsOf(IReadOnlyList<OutcomeChange> changes)
    {
        int segments = 0, scores = 0, tags = 0, points = 0, created = 0, cancelled = 0;
        long awarded = 0;
        foreach (var change in changes)
        {
            switch (change.Type)
            {
                case "segment": segments++; break;
                case "score": scores++; break;
                case "tag": tags++; break;
                case "points":
                    points++;
                    if (long.TryParse(change.To, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var delta) && delta > 0) awarded += delta;
                    break;
                case "task": created++; break;
                case "task_cancel": cancelled++; break;
            }
        }
        return new OutcomeCounts
        {
            SegmentChanges = segments, ScoreChanges = scores, TagChanges = tags, PointsEntries = points, PointsAwarded = awarded,
            TasksCreated = created, TasksCancelled = cancelled,
        };
    }

    public PreviewImpact Impact(RunTally tally) => _comparison.Build(_draftTally.Counts.Failed, tally.Counts.Failed);

    async Task<OutcomeResult> PlanAsync(OutcomeBatchBuilder batch, OutcomeSource source) =>
        batch.IsEmpty ? Nothing : await _outcomes.ApplyAsync(batch.Build(source), OutcomeMode.Preview, CancellationToken.None);
}
