using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Observability;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Cluster;

/// <summary>
/// Coordinates a run split across the cluster: marks it running, splits its customers into ranges that every node's
/// <see cref="RangeWorker"/> claims, then watches them, saving the run's progress and counts as the ranges' sums, until
/// every range is done (succeeded), one failed (failed; the rest are cancelled) or the run is cancelled. The coordinator
/// holds the run's lock; if its node dies, another node adopts the run (<see cref="RangeWorker"/>) and carries on here.
/// </summary>
public sealed class PartitionedRuns(
    IRunStore runs,
    ICustomerStore customers,
    IOptions<ClusterOptions> options,
    TimeProvider clock,
    ILogger<PartitionedRuns> log,
    IRunRanges? ranges = null,
    IAuditLog? audit = null,
    RuleEngineMetrics? metrics = null)
{
    static readonly TimeSpan Watch = TimeSpan.FromMilliseconds(500);

    /// <summary>True for a real run over every customer of a base larger than one range, on storage the cluster shares.</summary>
    public bool ShouldSplit(Run run) =>
        ranges is not null && options.Value.RangeCustomers > 0 && !run.DryRun && run.Preview is null && run.CustomerIds is null
        && customers.Count() > options.Value.RangeCustomers;

    /// <summary>True when the run was split: after a crash it is adopted, never marked interrupted.</summary>
    public bool IsSplit(string runId) => ranges is not null && ranges.OfRun(runId).Count > 0;

    /// <summary>Cancels a split run wherever its ranges are worked; its coordinator finishes it as cancelled.</summary>
    public Task CancelAsync(string runId) => ranges?.CancelAsync(runId, CancellationToken.None) ?? Task.CompletedTask;

    /// <summary>Starts a split run (pending) and coordinates it to its end.</summary>
    public async Task<Run> ExecuteAsync(Run run, ActiveVersion version, CancellationToken cancellation)
    {
        run = run with
        {
            Status = RunStatus.Running, StartedAt = Now(), VersionHash = version.Hash, Kind = version.Header.Kind,
            Progress = new RunProgress(0, customers.Count()),
        };
        await runs.SaveAsync(run, CancellationToken.None);
        var split = await ranges!.SplitAsync(run.Id, options.Value.RangeCustomers, CancellationToken.None);
        await runs.AppendLogAsync([new RunLogLine(run.Id, 1, Now(), "information",
            $"Run started: rule {run.Rule} version {version.Hash[..12]}, as of {run.AsOf:O}, {run.Progress.Total} customers " +
            $"split into {split.Count} ranges of up to {options.Value.RangeCustomers} that every node of the cluster claims")], CancellationToken.None);
        log.LogInformation("Run {RunId} of {Rule} is split into {Ranges} ranges", run.Id, run.Rule, split.Count);
        return await CoordinateAsync(run, cancellation);
    }

    /// <summary>Watches a split run's ranges to its end (also for a run adopted from a coordinator that died).</summary>
    public async Task<Run> CoordinateAsync(Run run, CancellationToken cancellation)
    {
        var started = clock.GetTimestamp();
        IReadOnlyList<RunRange> parts;
        while (true)
        {
            parts = ranges!.OfRun(run.Id);
            var progress = run with { Progress = run.Progress with { Processed = parts.Sum(r => r.Processed) }, Counts = Sum(parts) };
            if (progress.Progress != run.Progress || progress.Counts != run.Counts) await runs.SaveAsync(run = progress, CancellationToken.None);
            if (parts.Any(r => r.Status == RangeStatus.Failed) && parts.Any(r => r.IsOpen)) await ranges.CancelAsync(run.Id, CancellationToken.None);
            else if (cancellation.IsCancellationRequested && parts.Any(r => r.IsOpen)) await ranges.CancelAsync(run.Id, CancellationToken.None);
            else if (!parts.Any(r => r.IsOpen)) break;
            try { await Task.Delay(Watch, cancellation); }
            catch (OperationCanceledException) { } // cancel the ranges on the next turn, then wait for their holders to stop
        }
        var failed = parts.FirstOrDefault(r => r.Status == RangeStatus.Failed);
        var (status, error) = failed is not null
            ? (RunStatus.Failed, $"Range {failed.Seq + 1} of {parts.Count} failed on {failed.Node}: {failed.Error} The ranges applied before stay applied; a rerun completes the rest (nothing is applied twice).")
            : parts.Any(r => r.Status == RangeStatus.Cancelled)
                ? (RunStatus.Cancelled, "Cancelled on request; the ranges applied before stay applied, a rerun completes the rest.")
                : (RunStatus.Succeeded, (string?)null);
        run = run with { Status = status, Error = error, FinishedAt = Now(), Progress = run.Progress with { Processed = parts.Sum(r => r.Processed) }, Counts = Sum(parts) };
        var c = run.Counts;
        await runs.AppendLogAsync([new RunLogLine(run.Id, RangeRecords.SequenceBase(parts.Count, 0) + 1, Now(), status == RunStatus.Succeeded ? "information" : "error",
            $"Run {status.ToString().ToLowerInvariant()} across {parts.Select(r => r.Node).Distinct().Count()} nodes: {c.Evaluated} evaluated, {c.Failed} failed, " +
            $"{c.SegmentChanges} segment changes, {c.PointsEntries} points entries, {c.TasksCreated} tasks created" + (error is null ? "" : $". {error}"))], CancellationToken.None);
        if (audit is not null) await audit.TryAppendAsync(AuditEvents.RunFinished(run));
        await runs.SaveAsync(run, CancellationToken.None);
        metrics?.RunFinished(run.Rule, status.ToString().ToLowerInvariant(), clock.GetElapsedTime(started), run.DryRun);
        metrics?.CustomersEvaluated(run.Rule, c.Evaluated);
        return run;
    }

    static RunCounts Sum(IEnumerable<RunRange> parts) => parts.Aggregate(new RunCounts(), (sum, r) => sum.Plus(r.Counts));

    DateTime Now() => clock.GetUtcNow().UtcDateTime;
}
