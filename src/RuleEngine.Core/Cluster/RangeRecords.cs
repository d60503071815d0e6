using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Cluster;

/// <summary>
/// What the runner saves while it executes one range, sent where a partitioned run keeps it: progress and counts to the
/// range (with the checkpoint of the last applied page, and the lease renewed), log lines and outcome records to the
/// whole run under sequence numbers of the range's own (<see cref="SequenceBase"/>), so the parts never collide and
/// a run's log reads range by range. Everything else is the whole run's store.
/// </summary>
sealed class RangeRecords(IRunStore runs, IRunRanges ranges, RunRange range, string node, TimeSpan lease, Func<long, string?> checkpointAfter) : IRunStore
{
    /// <summary>Ranges, and attempts within one, number their records apart; the coordinator's last lines come after every range.</summary>
    public static long SequenceBase(int seq, int attempt) => (seq + 1L) * 1_000_000_000_000L + attempt * 1_000_000_000L;

    readonly long _base = SequenceBase(range.Seq, range.Attempts);

    /// <summary>The range's figures so far, as saved: what a claim after this one resumes from.</summary>
    public long Processed { get; private set; } = range.Processed;

    public RunCounts Counts { get; private set; } = range.Counts;

    /// <summary>False once a save found the range no longer this node's (its lease passed, or the run was cancelled).</summary>
    public bool StillHeld { get; private set; } = true;

    public async Task SaveAsync(Run run, CancellationToken cancellationToken = default)
    {
        Processed = range.Processed + run.Progress.Processed;
        Counts = range.Counts.Plus(run.Counts);
        StillHeld = await ranges.SaveProgressAsync(range, node, lease, checkpointAfter(run.Progress.Processed), Processed, Counts, cancellationToken) && StillHeld;
    }

    public Task AppendLogAsync(IReadOnlyList<RunLogLine> lines, CancellationToken cancellationToken = default) =>
        runs.AppendLogAsync(lines.Select(l => l with
        {
            Sequence = _base + l.Sequence,
            Message = $"[range {range.Seq + 1} on {node}] {l.Message}",
        }).ToList(), cancellationToken);

    public Task AppendOutcomesAsync(IReadOnlyList<RunOutcomeRecord> outcomes, CancellationToken cancellationToken = default) =>
        runs.AppendOutcomesAsync(outcomes.Select(o => o with { Sequence = _base + o.Sequence }).ToList(), cancellationToken);

    public Task<bool> TryCreateAsync(Run run, CancellationToken cancellationToken = default) => runs.TryCreateAsync(run, cancellationToken);
    public Run? Find(string id) => runs.Find(id);
    public Page<Run> List(RunQuery query, PageRequest page) => runs.List(query, page);
    public IReadOnlyList<Run> WithStatus(params RunStatus[] statuses) => runs.WithStatus(statuses);
    public Run? LastScheduled(string rule) => runs.LastScheduled(rule);
    public Run? Last(string rule) => runs.Last(rule);
    public Page<RunLogLine> Logs(string runId, PageRequest page) => runs.Logs(runId, page);
    public Page<RunOutcomeRecord> Outcomes(string runId, PageRequest page) => runs.Outcomes(runId, page);
}
