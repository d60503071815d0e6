using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Audit;
using RuleEngine.Rules;
using RuleEngine.Storage;

namespace RuleEngine.Runs;

/// <summary>
/// Accepts runs, queues them, executes them on a few workers, cancels them, and after a crash marks runs left running
/// as interrupted. A run is saved as pending before the caller hears of it, so an accepted run is never lost: pending
/// runs are queued again at start-up.
/// <para>
/// Lanes (the fairness rule, also in /metrics as <c>run_lane_workers</c>): real runs (scheduled, manual, reruns) queue
/// in the queue lane; dry runs and previews in the dry-run lane, with their own workers; event-triggered batches run in
/// the trigger lane (<see cref="RunInTriggerLaneAsync"/>). No lane takes another's workers. Runs that apply outcomes
/// take a per-rule lock (never two of one rule at once, whatever their lane); dry runs and previews apply nothing and
/// take none, so an analyst's check never waits for a triggered batch of the same rule.
/// </para>
/// </summary>
public sealed class RunCoordinator(
    RuleCatalog catalog,
    RuleRunner runner,
    IRunStore runs,
    IOptions<RunOptions> options,
    TimeProvider clock,
    ILogger<RunCoordinator> log,
    IAuditLog? audit = null,
    Preview.PreviewDrafts? drafts = null,
    IRunLocks? locks = null,
    Cluster.PartitionedRuns? partitions = null)
{
    readonly IRunLocks _locks = locks ?? new LocalRunLocks();
    readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    readonly Channel<string> _dryRuns = Channel.CreateUnbounded<string>();
    readonly ConcurrentDictionary<string, CancellationTokenSource> _cancellations = new();
    readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once <see cref="RecoverAsync"/> has run: until then a run a crash left "running" still looks busy.</summary>
    public Task Recovered => _recovered.Task;

    /// <summary>Validates and saves a pending run, queues it and returns it; throws <see cref="RunRejectedException"/> when it cannot run.</summary>
    public async Task<Run> TriggerAsync(RunRequest request, CancellationToken cancellation = default)
    {
        var (run, created) = await CreateAsync(request, cancellation);
        if (created) LaneOf(run).Writer.TryWrite(run.Id);
        return run;
    }

    /// <summary>
    /// The trigger lane: saves and audits the run like any other, then executes it on the caller's task instead of the
    /// shared queue, so event-triggered batches never wait behind (or hold up) queued scheduled and manual runs. The two
    /// lanes meet only at the per-rule lock: never two runs of one rule at once.
    /// </summary>
    public async Task<Run> RunInTriggerLaneAsync(RunRequest request, CancellationToken stopping)
    {
        var (run, _) = await CreateAsync(request with { Trigger = RunTrigger.Event }, stopping);
        return await ExecuteAsync(run.Id, stopping) ?? runs.Find(run.Id) ?? run;
    }

    async Task<(Run Run, bool Created)> CreateAsync(RunRequest request, CancellationToken cancellation)
    {
        var rule = catalog.Find(request.Rule) ?? throw new RunRejectedException($"No rule named '{request.Rule}'.", RunRejection.NotFound);
        if (request.VersionHash is null && rule.Active is null)
            throw new RunRejectedException($"Rule '{request.Rule}' has no version that compiles ({rule.Status.ToString().ToLowerInvariant()}); see GET /api/rules/{request.Rule}.", RunRejection.Conflict);
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.AsOf > now) throw new RunRejectedException($"asOf {request.AsOf:O} is in the future; an as-of run looks at the past.", RunRejection.Invalid);
        var lane = request.DryRun || request.Preview is not null ? _dryRuns : _queue;
        if (request.ScheduledFor is null && request.Trigger != RunTrigger.Event && lane.Reader.Count >= options.Value.MaxQueuedRuns)
            throw new RunRejectedException($"{lane.Reader.Count} {(lane == _dryRuns ? "dry runs and previews" : "runs")} are waiting to run " +
                $"(at most {options.Value.MaxQueuedRuns} may wait); try again once some have finished (GET /api/runs?status=pending).", RunRejection.Busy);
        var run = new Run
        {
            Id = IdFor(request, now), Rule = request.Rule, Trigger = request.Trigger, TriggeredBy = request.TriggeredBy,
            DryRun = request.DryRun, AsOf = request.AsOf ?? request.ScheduledFor ?? now, AsOfRequested = request.AsOf is not null,
            Parameters = request.Parameters ?? new Dictionary<string, string>(), CustomerIds = request.CustomerIds,
            ScheduledFor = request.ScheduledFor, RerunOf = request.RerunOf, VersionHash = request.VersionHash,
            Preview = request.Preview, Status = RunStatus.Pending, CreatedAt = now,
        };
        if (!await runs.TryCreateAsync(run, cancellation))
            return (runs.Find(run.Id)!, false); // this schedule slot already has its run: a re-fire never applies twice
        if (audit is not null)
        {
            // A person waits on a manual trigger and hears if it went unrecorded; the scheduler and the dispatcher go on and
            // log it, without waiting for its commit: the writer keeps order, so the entry still precedes everything the
            // run writes (which the run awaits), and it shares a commit with the run's first writes instead of paying its own.
            if (run.Trigger is RunTrigger.Schedule or RunTrigger.Event) _ = audit.TryAppendAsync(AuditEvents.RunTriggered(run));
            else await audit.AppendAsync(AuditEvents.RunTriggered(run));
        }
        return (run, true);
    }

    /// <summary>Starts a new run that completes <paramref name="runId"/> with its version, clock, parameters and customers.</summary>
    public Task<Run> RerunAsync(string runId, string actor, CancellationToken cancellation = default)
    {
        var original = runs.Find(runId) ?? throw new RunRejectedException($"No run with id '{runId}'.", RunRejection.NotFound);
        if (!original.IsFinished) throw new RunRejectedException($"Run '{runId}' is still {original.Status.ToString().ToLowerInvariant()}; cancel it or wait.", RunRejection.Conflict);
        return TriggerAsync(new RunRequest
        {
            Rule = original.Rule, Trigger = RunTrigger.Rerun, TriggeredBy = actor, DryRun = original.DryRun, AsOf = original.AsOf,
            CustomerIds = original.CustomerIds, Parameters = original.Parameters, RerunOf = original.Id, VersionHash = original.VersionHash,
            Preview = original.Preview,
        }, cancellation);
    }

    /// <summary>Cancels a pending or running run; false when it had already finished.</summary>
    public async Task<bool> CancelAsync(string runId, string actor)
    {
        // The stored status decides: a run whose final status is saved is finished, even while its worker tidies up.
        var run = runs.Find(runId) ?? throw new RunRejectedException($"No run with id '{runId}'.", RunRejection.NotFound);
        if (run.IsFinished) return false;
        if (_cancellations.TryGetValue(runId, out var running))
        {
            log.LogInformation("Run {RunId} cancel requested by {Actor}", runId, actor);
            await running.CancelAsync();
            if (audit is not null) await audit.AppendAsync(AuditEvents.RunCancelRequested(runId, run.Rule, actor, run.Status));
            return true;
        }
        if (run.Status == RunStatus.Running && partitions?.IsSplit(runId) == true)
        {
            // Split across the cluster and coordinated by another node: its ranges stop, and its coordinator finishes it.
            log.LogInformation("Run {RunId} cancel requested by {Actor}; its ranges are cancelled across the cluster", runId, actor);
            await partitions.CancelAsync(runId);
            if (audit is not null) await audit.AppendAsync(AuditEvents.RunCancelRequested(runId, run.Rule, actor, run.Status));
            return true;
        }
        if (run.Status != RunStatus.Pending) return false;
        var cancelled = run with { Status = RunStatus.Cancelled, FinishedAt = clock.GetUtcNow().UtcDateTime, Error = $"Cancelled by {actor} before it started." };
        await runs.SaveAsync(cancelled);
        if (audit is not null)
        {
            await audit.AppendAsync(AuditEvents.RunCancelRequested(runId, run.Rule, actor, RunStatus.Pending));
            await audit.AppendAsync(AuditEvents.RunFinished(cancelled));
        }
        return true;
    }

    /// <summary>
    /// After a crash: runs left running become interrupted (a rerun completes them); pending runs are queued again. In a
    /// cluster, a run another server is executing (it holds the run's lock) is left alone, and a pending run queued on
    /// two servers executes once (see <see cref="ExecuteAsync(string, CancellationToken)"/>).
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellation)
    {
        foreach (var run in runs.WithStatus(RunStatus.Running))
        {
            // A split run is adopted by a node's range worker instead: its ranges carry on wherever they are.
            if (_locks.IsExecuting(run.Id) || partitions?.IsSplit(run.Id) == true) continue;
            var interrupted = run with
            {
                Status = RunStatus.Interrupted, FinishedAt = clock.GetUtcNow().UtcDateTime,
                Error = "The server stopped during this run. Its applied pages stay applied; rerun it to complete it (nothing is applied twice).",
            };
            await runs.SaveAsync(interrupted, cancellation);
            if (audit is not null) await audit.TryAppendAsync(AuditEvents.RunFinished(interrupted));
            log.LogWarning("Run {RunId} of {Rule} was interrupted by a server stop; rerun it to complete it", run.Id, run.Rule);
        }
        foreach (var run in runs.WithStatus(RunStatus.Pending))
        {
            if (run.Trigger != RunTrigger.Event)
            {
                LaneOf(run).Writer.TryWrite(run.Id);
                continue;
            }
            // A triggered batch belongs to the trigger lane, which re-reads its customers from the outbox (they are still there).
            var superseded = run with
            {
                Status = RunStatus.Cancelled, FinishedAt = clock.GetUtcNow().UtcDateTime,
                Error = "The server stopped before this triggered batch started; its customers stayed in the trigger outbox and the next batch evaluates them.",
            };
            await runs.SaveAsync(superseded, cancellation);
            if (audit is not null) await audit.TryAppendAsync(AuditEvents.RunFinished(superseded));
        }
        _recovered.TrySetResult();
    }

    /// <summary>
    /// Executes queued runs until stopped: <see cref="RunOptions.MaxConcurrentRuns"/> workers for real runs and
    /// <see cref="RunOptions.MaxConcurrentDryRuns"/> for dry runs and previews.
    /// </summary>
    public Task ProcessAsync(CancellationToken stopping) =>
        Task.WhenAll(
            Enumerable.Range(0, Math.Max(1, options.Value.MaxConcurrentRuns)).Select(_ => Task.Run(() => WorkAsync(_queue, stopping), stopping))
                .Concat(Enumerable.Range(0, Math.Max(1, options.Value.MaxConcurrentDryRuns)).Select(_ => Task.Run(() => WorkAsync(_dryRuns, stopping), stopping))));

    Channel<string> LaneOf(Run run) => run.DryRun || run.Preview is not null ? _dryRuns : _queue;

    /// <summary>Runs waiting per lane, for the metrics.</summary>
    public (int Queue, int DryRuns) Waiting => (_queue.Reader.Count, _dryRuns.Reader.Count);

    async Task WorkAsync(Channel<string> lane, CancellationToken stopping)
    {
        try
        {
            await foreach (var runId in lane.Reader.ReadAllAsync(stopping))
                await ExecuteSafelyAsync(runId, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    async Task ExecuteSafelyAsync(string runId, CancellationToken stopping)
    {
        try
        {
            await ExecuteAsync(runId, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The runner records a run's own failures; what reaches here is storage refusing even that record. The worker
            // must go on (an exception here would stop the whole host); the run keeps its last saved status, and one left
            // `running` becomes `interrupted` at the next start, from where a rerun completes it.
            log.LogError(e, "Run {RunId} could not be executed or recorded", runId);
        }
    }

    /// <summary>Runs one queued run now (the workers call this; tests may too).</summary>
    public async Task<Run?> ExecuteAsync(string runId, CancellationToken stopping)
    {
        // A dry run or preview writes no outcome, so it may run beside any run of its rule; every run holds its own lock
        // while it executes, so a run queued on two servers (recovered by both) executes once.
        var queued = runs.Find(runId);
        await using var ruleLock = queued is { DryRun: true } || queued?.Preview is not null ? null : await _locks.RuleAsync(queued?.Rule ?? "", stopping);
        await using var runLock = await _locks.RunAsync(runId, stopping);
        // Registered before the status check, so that a cancel arriving in between reaches the run either way.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _cancellations[runId] = cancellation;
        try
        {
            if (runs.Find(runId) is not { Status: RunStatus.Pending } run) return null; // cancelled while it waited, or run elsewhere
            return await ExecuteAsync(run, cancellation.Token);
        }
        finally
        {
            _cancellations.TryRemove(runId, out _);
        }
    }

    async Task<Run> ExecuteAsync(Run run, CancellationToken cancellation)
    {
        var version = run.VersionHash is { } hash ? catalog.LoadVersion(run.Rule, hash) : catalog.Find(run.Rule)?.Active;
        if (version is null)
            return await FailAsync(run, run.VersionHash is null
                ? $"Rule '{run.Rule}' has no active version any more."
                : $"Version {run.VersionHash} of rule '{run.Rule}' cannot be loaded.");
        // A version loaded just for this run (a rerun of an older version) is unloaded after it; the active one is the catalog's.
        var loadedForThisRun = !catalog.IsActive(version);
        ActiveVersion? draft = null;
        try
        {
            if (run.Preview is { } preview)
            {
                var compilation = drafts?.Find(preview.DraftHash) ?? await Task.Run(() => catalog.Validate(preview.DraftText, run.Rule), cancellation);
                if (!compilation.Succeeded)
                    return await FailAsync(run, "The draft no longer compiles (a helper it loads changed?): " +
                        string.Join("; ", compilation.Diagnostics.Where(d => d.IsError)));
                draft = catalog.LoadDraft(run.Rule, compilation);
            }
            if (draft is null && partitions?.ShouldSplit(run) == true) return await partitions.ExecuteAsync(run, version, cancellation);
            return await runner.ExecuteAsync(run, version, cancellation, draft);
        }
        finally
        {
            if (loadedForThisRun) version.Rule.Unload();
            draft?.Rule.Unload();
        }
    }

    /// <summary>
    /// Carries on coordinating a split run whose coordinator died (no node holds its run lock): with the run's locks, as
    /// <see cref="ExecuteAsync(string, CancellationToken)"/> takes them, so two nodes adopting at once coordinate it once.
    /// </summary>
    public async Task AdoptAsync(string runId, CancellationToken stopping)
    {
        if (partitions is null || runs.Find(runId) is not { Status: RunStatus.Running } orphan) return;
        await using var ruleLock = await _locks.RuleAsync(orphan.Rule, stopping);
        await using var runLock = await _locks.RunAsync(runId, stopping);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _cancellations[runId] = cancellation;
        try
        {
            if (runs.Find(runId) is not { Status: RunStatus.Running } run) return; // finished while this node waited for its locks
            log.LogWarning("Run {RunId} of {Rule}: coordination adopted", runId, run.Rule);
            await partitions.CoordinateAsync(run, cancellation.Token);
        }
        finally
        {
            _cancellations.TryRemove(runId, out _);
        }
    }

    async Task<Run> FailAsync(Run run, string error)
    {
        var failed = run with { Status = RunStatus.Failed, StartedAt = clock.GetUtcNow().UtcDateTime, FinishedAt = clock.GetUtcNow().UtcDateTime, Error = error };
        await runs.SaveAsync(failed, CancellationToken.None);
        if (audit is not null) await audit.TryAppendAsync(AuditEvents.RunFinished(failed));
        return failed;
    }

    static string IdFor(RunRequest request, DateTime now) => request.ScheduledFor is { } slot
        ? $"{request.Rule}@{slot.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}"
        : $"{now.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..10]}";
}
