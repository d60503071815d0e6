using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Quartz;
using RuleEngine.Rules;
using RuleEngine.Storage;

namespace RuleEngine.Scheduling;

/// <summary>
/// Keeps one Quartz job per scheduled, active rule in step with the catalog: scheduled once the catalog has loaded,
/// rescheduled when the running version's schedule or time zone changes, removed when the rule stops running or
/// loses its schedule. With the in-memory store it also runs at start, once, the latest slot each rule missed while the
/// server was down. A persistent (clustered) store remembers its triggers over a stop and fires a missed one once when
/// a node is back (its misfire instruction; <see cref="RuleRunJob.SlotOf"/> gives it the missed slot's id): one
/// catch-up mechanism per store, never two. Every node of a cluster reconciles the same stored jobs, so a stored
/// trigger that already matches is kept as it is: replacing it would forget the fire it owes.
/// </summary>
public sealed class RuleScheduler(
    ISchedulerFactory schedulers,
    RuleCatalog catalog,
    ScheduledRunStarter starter,
    IRunStore runs,
    TimeProvider clock,
    ILogger<RuleScheduler> log) : IDisposable
{
    const string Group = "rules";
    readonly SemaphoreSlim _changes = new(1, 1);
    readonly ConcurrentDictionary<string, RuleSchedule> _scheduled = new();

    /// <summary>True once every rule of the loaded catalog has its job and missed slots were caught up.</summary>
    public bool IsFollowing { get; private set; }

    public IReadOnlyDictionary<string, RuleSchedule> Scheduled => _scheduled;

    /// <summary>Call once the catalog has loaded: schedules every rule, catches up missed slots, then follows changes.</summary>
    public async Task StartAsync(CancellationToken cancellation)
    {
        // Subscribe before reading the catalog so no change falls between the two; each sync reads the rule's
        // current state, so a change seen twice or out of order still ends in the right job.
        catalog.Changed += OnChanged;
        foreach (var rule in catalog.Rules) await SyncAsync(rule.Name, cancellation);
        var scheduler = await schedulers.GetScheduler(cancellation);
        if ((await scheduler.GetMetadata(cancellation)).JobStorePersistent) await RemoveJobsOfGoneRulesAsync(scheduler, cancellation);
        else await CatchUpAsync(cancellation);
        IsFollowing = true;
        log.LogInformation("Scheduler follows the rules: {Count} scheduled", _scheduled.Count);
    }

    /// <summary>When the rule's job fires next (UTC); null when it has no job.</summary>
    public async Task<DateTime?> NextFireTimeAsync(string rule, CancellationToken cancellation = default)
    {
        if (!_scheduled.ContainsKey(rule)) return null;
        var scheduler = await schedulers.GetScheduler(cancellation);
        return (await scheduler.GetTrigger(TriggerKeyOf(rule), cancellation))?.NextFireTimeUtc?.UtcDateTime;
    }

    /// <summary>Makes the rule's job match the catalog's current state of the rule.</summary>
    public async Task SyncAsync(string rule, CancellationToken cancellation = default)
    {
        await _changes.WaitAsync(cancellation);
        try
        {
            var wanted = RuleSchedule.Of(catalog.Find(rule));
            var current = _scheduled.GetValueOrDefault(rule);
            // A new version on the same schedule keeps its trigger: the job runs whatever version is active when it
            // fires, and replacing the trigger could drop a fire that falls due during the swap.
            if (wanted == current) return;
            var scheduler = await schedulers.GetScheduler(cancellation);
            if (current is null && wanted is not null && await StoredScheduleAsync(scheduler, rule, cancellation) == wanted)
            {
                _scheduled[rule] = wanted;
                log.LogInformation("Rule {Rule} keeps its stored trigger {Schedule}", rule, wanted);
                return;
            }
            if (wanted is null)
            {
                await scheduler.DeleteJob(JobKeyOf(rule), cancellation);
                _scheduled.TryRemove(rule, out _);
                log.LogInformation("Rule {Rule} is no longer scheduled", rule);
                return;
            }
            var next = await scheduler.ScheduleJob(JobFor(rule), TriggerFor(rule, wanted), ScheduleJobOptions.Replacing, cancellation);
            _scheduled[rule] = wanted;
            log.LogInformation("Rule {Rule} is scheduled {Schedule}; next fire {Next:O}", rule, wanted, next.UtcDateTime);
        }
        catch (Exception e) when (e is SchedulerException or FormatException or TimeZoneNotFoundException)
        {
            // One rule's schedule never stops the others; the rule's next change tries again.
            log.LogError(e, "Rule {Rule} could not be (re)scheduled", rule);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// The in-memory store forgets every trigger at a restart, so slots that fell due while the server was down
    /// are found from the last scheduled run: each rule runs once, for its latest missed slot. A rule that never ran
    /// on its schedule has no missed slot (nothing says when it would have started).
    /// </summary>
    async Task CatchUpAsync(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        foreach (var (rule, schedule) in _scheduled)
        {
            if (runs.LastScheduled(rule)?.ScheduledFor is not { } last) continue;
            if (MissedSlots.Latest(schedule.Expression(), new DateTimeOffset(last, TimeSpan.Zero), now) is not { } missed) continue;
            log.LogWarning("Rule {Rule} missed its slot {Slot:O} while the server was down (last scheduled run {Last:O}); running it once now",
                rule, missed.UtcDateTime, last);
            await starter.StartAsync(rule, missed.UtcDateTime, cancellation);
        }
    }

    /// <summary>The schedule of the rule's stored trigger, when the store has one (a persistent store after a restart).</summary>
    static async Task<RuleSchedule?> StoredScheduleAsync(IScheduler scheduler, string rule, CancellationToken cancellation) =>
        await scheduler.GetTrigger(TriggerKeyOf(rule), cancellation) is ICronTrigger stored
        && await scheduler.GetTriggerState(stored.Key, cancellation) is not TriggerState.Error
            ? new RuleSchedule(stored.CronExpressionString!, stored.TimeZone.Id)
            : null;

    /// <summary>A persistent store keeps the jobs of rules deleted or unscheduled while every node was down: drop them.</summary>
    async Task RemoveJobsOfGoneRulesAsync(IScheduler scheduler, CancellationToken cancellation)
    {
        await _changes.WaitAsync(cancellation);
        try
        {
            foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellation))
            {
                if (_scheduled.ContainsKey(job.Name)) continue;
                await scheduler.DeleteJob(job, cancellation);
                log.LogInformation("Rule {Rule} no longer runs on a schedule: its stored job is removed", job.Name);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    void OnChanged(RuleChange change) => _ = SyncLoggedAsync(change.Name);

    // The catalog raises Changed while it holds its own lock: schedule off that thread, never block it.
    async Task SyncLoggedAsync(string rule)
    {
        try { await Task.Run(() => SyncAsync(rule)); }
        catch (Exception e) { log.LogError(e, "Rule {Rule}: following its change failed", rule); }
    }

    IJobDetail JobFor(string rule) => JobBuilder.Create<RuleRunJob>()
        .WithIdentity(JobKeyOf(rule))
        .WithDescription($"Runs rule {rule} on its schedule")
        .UsingJobData(RuleRunJob.RuleKey, rule)
        // A node that dies while firing leaves the fire to another node (clustered store); the slot id makes it safe.
        .RequestRecovery()
        .Build();

    ITrigger TriggerFor(string rule, RuleSchedule schedule) => TriggerBuilder.Create(clock)
        .WithIdentity(TriggerKeyOf(rule))
        .WithSchedule(CronScheduleBuilder.Create(schedule.Cron)
            .InTimeZone(schedule.TimeZone)
            // A fire missed while the server runs (a long pause) fires once, late, for its slot. Fires missed while
            // it was down: the in-memory store does not remember them (the catch-up runs them); a persistent store
            // fires once when a node is back, as the latest missed slot's run.
            .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
        .Build();

    static JobKey JobKeyOf(string rule) => new(rule, Group);

    static TriggerKey TriggerKeyOf(string rule) => new(rule, Group);

    // The semaphore is not disposed: a change still in flight at shutdown would fail on it, and it holds no handle.
    public void Dispose() => catalog.Changed -= OnChanged;
}
