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
        await starter.StartAsync(rule, SlotOf(context), cancellationToken);
    }

    /// <summary>
    /// The slot a fire is for: its scheduled time, not the actual one (a fire delayed by a busy scheduler is still that
    /// slot's run), taken back to the cron's latest slot at or before it. A misfired trigger fires "now" (its misfire
    /// instruction), and that fire is the run of the latest slot it missed, with that slot's id, whichever node
    /// handles it; a fire recovered from a dead node keeps its original scheduled time.
    /// </summary>
    public static DateTime SlotOf(IJobExecutionContext context)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        if (context.Trigger is ICronTrigger cron
            && MissedSlots.Latest(new CronExpression(cron.CronExpressionString!, cron.TimeZone), scheduled.AddYears(-1), scheduled) is { } slot)
            scheduled = slot;
        return scheduled.UtcDateTime;
    }
}
