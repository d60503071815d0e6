using Quartz;

namespace RuleEngine.Scheduling;

/// <summary>
/// The Quartz job of one scheduled rule: it only starts the run of the slot that fired; the run coordinator executes
/// it. <see cref="DisallowConcurrentExecutionAttribute"/> keeps two fires of one rule from racing each other's
/// "is a run still going?" check (across a cluster too); the per-rule run lock keeps the runs themselves apart.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RuleRunJob(ScheduledRunStarter starter) : IJob
{
    public const string RuleKey = "rule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var rule = context.MergedJobDataMap.GetString(RuleKey)
            ?? throw new InvalidOperationException($"Job {context.JobDetail.Key} has no '{RuleKey}' in its data.");
        await starter.StartAsync(rule, SlotOf(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.FireTimeUtc, context.Trigger), cancellationToken);
    }

    /// <summary>
    /// The slot a fire is for: the cron's latest slot at or before the fire. A fire on time (or a little late, behind a busy
    /// scheduler) is its scheduled slot's run. A fire that comes late because every node was down or stalled (Quartz fires
    /// a misfired trigger once, reporting either the first missed slot or "now" as its scheduled time) is the run of the
    /// latest slot it missed, with that slot's id, whichever node handles it: the in-memory store's start-up catch-up
    /// gives the same. A fire recovered from a dead node is not a cron fire and keeps its original scheduled time.
    /// </summary>
    public static DateTime SlotOf(DateTimeOffset scheduled, DateTimeOffset fired, ITrigger trigger)
    {
        var upTo = fired > scheduled ? fired : scheduled;
        if (trigger is ICronTrigger cron
            && MissedSlots.Latest(new CronExpression(cron.CronExpressionString!, cron.TimeZone), upTo.AddYears(-1), upTo) is { } slot)
            return slot.UtcDateTime;
        return scheduled.UtcDateTime;
    }
}
