using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Runs;

/// <summary>A run's running totals: customers evaluated and failed, what changed, and the failure threshold.</summary>
sealed class RunTally(RunOptions options, ImpactCollector? impact)
{
    long _evaluated, _failed, _sequence;
    OutcomeCounts _outcomes = new();

    public long ProcessedCustomers { get; private set; }

    public RunImpact? Impact => impact?.Build();

    public RunCounts Counts => new()
    {
        Evaluated = _evaluated, Failed = _failed, SegmentChanges = _outcomes.SegmentChanges, ScoreChanges = _outcomes.ScoreChanges,
        TagChanges = _outcomes.TagChanges, PointsEntries = _outcomes.PointsEntries, PointsAwarded = _outcomes.PointsAwarded,
        TasksCreated = _outcomes.TasksCreated, TasksCancelled = _outcomes.TasksCancelled,
        CouponsGranted = _outcomes.CouponsGranted, DrawChancesGranted = _outcomes.DrawChancesGranted,
    };

    /// <summary>Past the allowed failure ratio; before the end only once enough customers were evaluated to tell.</summary>
    public bool TooManyFailures(bool final) =>
        _evaluated > 0 && (final || _evaluated >= options.ErrorRatioMinimumCustomers) && (double)_failed / _evaluated > options.MaxErrorRatio;

    public string FailureMessage =>
        $"{_failed} of {_evaluated} customers failed ({(double)_failed / _evaluated:P1}), more than the allowed {options.MaxErrorRatio:P1}; see the run's log.";

    public void Evaluated(bool succeeded)
    {
        _evaluated++;
        if (!succeeded) _failed++;
    }

    public void Processed(int customers) => ProcessedCustomers += customers;

    /// <summary>Adds a page's counts only (a preview records its differences, not the changes).</summary>
    public void Count(OutcomeResult result) => _outcomes += result.Counts;

    /// <summary>Adds a page's result and returns its changes as the run's outcome records.</summary>
    public IReadOnlyList<RunOutcomeRecord> Record(string runId, OutcomeResult result)
    {
        _outcomes += result.Counts;
        impact?.Add(result.Changes);
        return result.Changes
            .Select(c => new RunOutcomeRecord(runId, ++_sequence, c.CustomerId, c.Type, c.Target, c.From, c.To, c.Explanation))
            .ToList();
    }
}
