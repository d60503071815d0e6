using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Domain;
using RuleEngine.Observability;
using RuleEngine.Runs;
using RuleEngine.Scripting.Loading;
using RuleEngine.Storage;

namespace RuleEngine.Triggers;

/// <summary>
/// Drains the trigger outbox in batches: takes up to <see cref="TriggerOptions.MaxBatchCustomers"/> of the longest-waiting
/// entries, and for each rule listening to their kinds starts one run over the affected customers (however many orders or
/// events each had) through the normal run path, in the trigger lane (<see cref="RunCoordinator.RunInTriggerLaneAsync"/>).
/// The rules of a batch keep one order: segmentation first, then rewards, then follow-ups, and by name within a kind (so a
/// reward that reads a segment sees it already moved, and refund-reversal sees what purchase-points paid). A rule waits
/// only for the rules before it in that order whose code changes what it reads or reads what it changes
/// (<see cref="StateEffects"/>, from each version's compiled code; <see cref="ConflictOrder"/>); the others run beside it, up to
/// <see cref="TriggerOptions.MaxConcurrentRuns"/> at once. Every rule therefore sees exactly what it would see with the
/// rules one after the other, and a later full run still changes nothing. Up to <see cref="TriggerOptions.BatchesInFlight"/>
/// batches run at once over different customers (<see cref="BatchPipeline"/>), so one batch's first rule runs while the
/// batch before runs its later ones.
/// An entry is removed only after every rule listening to it succeeded, and only if no write marked it again meanwhile;
/// a crash anywhere before that leaves it to be evaluated again, which applies nothing twice (outcome keys).
/// </summary>
public sealed class TriggerDispatcher
{
    static readonly RuleKind[] KindOrder = [RuleKind.Segmentation, RuleKind.Reward, RuleKind.Followup];
    static readonly TimeSpan BacklogRefresh = TimeSpan.FromSeconds(1);
    static readonly TimeSpan DiscardEvery = TimeSpan.FromMinutes(1);

    readonly TriggerInterest _interest;
    readonly ITriggerOutbox _outbox;
    readonly RunCoordinator _coordinator;
    readonly TriggerSignal _signal;
    readonly TriggerStatus _status;
    readonly TriggerOptions _options;
    readonly TimeProvider _clock;
    readonly ILogger<TriggerDispatcher> _log;
    readonly RuleEngineMetrics? _metrics;
    readonly SemaphoreSlim _lane;
    volatile bool _paused;
    DateTime _lastDiscard = DateTime.MinValue;

    public TriggerDispatcher(
        TriggerInterest interest, ITriggerOutbox outbox, RunCoordinator coordinator, TriggerSignal signal, TriggerStatus status,
        IOptions<TriggerOptions> options, IOptions<RunOptions> runOptions, TimeProvider clock, ILogger<TriggerDispatcher> log,
        RuleEngineMetrics? metrics = null)
    {
        (_interest, _outbox, _coordinator, _signal, _status, _options, _clock, _log, _metrics) =
            (interest, outbox, coordinator, signal, status, options.Value, clock, log, metrics);
        _lane = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrentRuns));
        metrics?.ObserveTriggers(() => _status.Backlog.Select(b => (b.Kind, b.Customers)), () => IsLagging(_status.Backlog),
            (Math.Max(1, runOptions.Value.MaxConcurrentRuns), Math.Max(1, runOptions.Value.MaxConcurrentDryRuns), Math.Max(1, _options.MaxConcurrentRuns)),
            () => coordinator.Waiting);
    }

    /// <summary>Holds dispatching (entries keep accumulating, durable) until <see cref="Resume"/>: for maintenance and tests.</summary>
    public void Pause() => _paused = true;

    public void Resume()
    {
        _paused = false;
        _signal.Raise();
    }

    /// <summary>True when the backlog is past the configured size or age: ops should look (readiness stays green).</summary>
    public bool IsLagging(IReadOnlyList<TriggerBacklog> backlog) =>
        backlog.Sum(b => b.Customers) >= _options.LaggingCustomers ||
        backlog.Any(b => b.OldestIngestedAt is { } oldest && Now() - oldest >= _options.LaggingAge);

    /// <summary>
    /// Dispatches batches for as long as the server runs, up to <see cref="TriggerOptions.BatchesInFlight"/> at once over
    /// different customers (<see cref="BatchPipeline"/>: when batches start, and the back-off after one failed).
    /// </summary>
    public Task RunAsync(CancellationToken stopping) =>
        new BatchPipeline(_signal, _options, _clock, _log).RunAsync(StartBatchAsync, () => _paused, stopping);

    /// <summary>One batch, alone: read, run each listening rule over its customers, acknowledge what every listener applied.</summary>
    public async Task<BatchResult> DispatchOnceAsync(CancellationToken stopping) =>
        await StartBatchAsync(new HashSet<string>(), stopping) is { } batch ? await batch.Ended : BatchResult.Empty;

    /// <summary>
    /// Reads the longest-waiting entries of customers not in <paramref name="busy"/> and starts each listening rule over
    /// them; null when none wait. The rules keep their order where they conflict (<see cref="ConflictOrder"/>).
    /// </summary>
    async Task<StartedBatch?> StartBatchAsync(IReadOnlySet<string> busy, CancellationToken stopping)
    {
        var read = Now();
        var rules = _interest.Rules();
        var kinds = rules.SelectMany(r => r.Triggers).Distinct(StringComparer.Ordinal).ToList();
        ObserveBacklog(kinds);
        var entries = kinds.Count == 0 ? [] : _outbox.Oldest(kinds, _options.MaxBatchCustomers, busy);
        if (entries.Count == 0)
        {
            if (busy.Count == 0) await DiscardUnwantedAsync(kinds, read);
            return null;
        }

        var succeeded = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var ordered = rules.OrderBy(r => Array.IndexOf(KindOrder, r.Kind)).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList();
        var first = ordered.FirstOrDefault(r => entries.Any(e => r.Triggers.Contains(e.Kind))).Rule;
        var firstEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Each run records its own success: a rule runs after the ones it follows whether or not they succeeded.
        var runs = ConflictOrder.RunAsync(ordered, r => r.Effects, async r =>
        {
            try
            {
                await RunRuleAsync(r.Rule, r.Triggers, entries, succeeded, stopping);
            }
            finally
            {
                if (r.Rule == first) firstEnded.TrySetResult();
            }
        });
        if (first is null) firstEnded.TrySetResult();
        var customers = entries.Select(e => e.CustomerId).ToHashSet(StringComparer.Ordinal);
        return new StartedBatch(customers, firstEnded.Task, AcknowledgeAsync(runs, entries, rules, succeeded));
    }

    async Task<BatchResult> AcknowledgeAsync(Task runs, IReadOnlyList<PendingTrigger> entries,
        IReadOnlyList<(string Rule, RuleKind Kind, IReadOnlyList<string> Triggers, StateEffects Effects)> rules, ConcurrentDictionary<string, bool> succeeded)
    {
        try
        {
            await runs;
            var handled = entries.Where(e => rules.Where(r => r.Triggers.Contains(e.Kind)).All(r => succeeded.GetValueOrDefault(r.Rule))).ToList();
            await _outbox.AcknowledgeAsync(handled, CancellationToken.None);
            return handled.Count == entries.Count ? BatchResult.Succeeded : BatchResult.Failed;
        }
        finally
        {
            // Customers marked again while this batch held them were passed over by the batches read meanwhile.
            _signal.Raise();
        }
    }

    async Task RunRuleAsync(string rule, IReadOnlyList<string> triggers, IReadOnlyList<PendingTrigger> entries,
        ConcurrentDictionary<string, bool> succeeded, CancellationToken stopping)
    {
        var mine = entries.Where(e => triggers.Contains(e.Kind)).ToList();
        if (mine.Count == 0)
        {
            succeeded[rule] = true;
            return;
        }
        var customers = mine.Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await _lane.WaitAsync(stopping);
        Run run;
        var started = Now();
        try
        {
            run = await _coordinator.RunInTriggerLaneAsync(new RunRequest
            {
                Rule = rule, Trigger = RunTrigger.Event, CustomerIds = customers,
                TriggeredBy = "trigger:" + string.Join(",", mine.Select(e => e.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            }, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Storage refused the run's record, or the rule vanished between reading the catalog and starting: retried later.
            _log.LogError(e, "The triggered batch of rule {Rule} could not be started", rule);
            succeeded[rule] = false;
            _metrics?.TriggerBatchFinished(rule, "failed", []);
            _status.BatchFinished(rule, new RuleTriggerStats(started, "", "failed", customers.Count, TimeSpan.Zero, Now() - started, e.Message, Failures: 1));
            return;
        }
        finally
        {
            _lane.Release();
        }
        var ok = run.Status == RunStatus.Succeeded;
        succeeded[rule] = ok;
        var applied = run.FinishedAt ?? Now();
        var status = run.Status.ToString().ToLowerInvariant();
        _metrics?.TriggerBatchFinished(rule, status, ok ? mine.Select(e => applied - e.FirstIngestedAt) : []);
        _status.BatchFinished(rule, new RuleTriggerStats(
            applied, run.Id, status, customers.Count, applied - mine.Min(e => e.FirstIngestedAt), applied - started, run.Error, Failures: ok ? 0 : 1));
    }

    /// <summary>
    /// Now and then, when idle: entries of kinds no active rule listens to (marked before the rules were loaded, or for a
    /// rule since removed) would otherwise stay for ever. Only entries created before the rules were read are removed, so
    /// a rule that gained a trigger meanwhile loses nothing.
    /// </summary>
    async Task DiscardUnwantedAsync(IReadOnlyCollection<string> kinds, DateTime rulesReadAt)
    {
        if (rulesReadAt - _lastDiscard < DiscardEvery) return;
        _lastDiscard = rulesReadAt;
        var discarded = await _outbox.DiscardAsync(kinds, rulesReadAt);
        if (discarded > 0) _log.LogInformation("Discarded {Count} trigger entries of kinds no rule listens to", discarded);
    }

    /// <summary>Counting a large backlog scans its index, so the gauges' copy is refreshed at most once a second.</summary>
    void ObserveBacklog(IReadOnlyCollection<string> kinds)
    {
        if (_status.BacklogAt is { } at && Now() - at < BacklogRefresh) return;
        _status.Observed(_outbox.Backlog(kinds), Now());
    }

    DateTime Now() => _clock.GetUtcNow().UtcDateTime;
}

public enum BatchResult { Empty, Succeeded, Failed }
