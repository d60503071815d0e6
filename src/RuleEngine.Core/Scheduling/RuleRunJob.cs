using Quartz;

namespace RuleEngine.Scheduling;

/// <summary>
/// The Quartz job of one scheduled rule: it only starts the run of the slot that fired; the run coordinator executes
/// it. <see cref="DisallowConcurrentExecutionAttribute"/> keeps two fires of one rule from racing each other's
/// "is a run still going?" check; the coordinator's per-rule lock keeps the runs themselves apart.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RuleRunJob(ScheduledRunStarter starter) : IJob
{
    public const string RuleKey = "rule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var rule = context.MergedJobDataMap.GetString(RuleKey)
            ?? throw new InvalidOperationException($"Job {context.JobDetail.Key} has no '{RuleKey}' in its data.");
        // The scheduled time, not the actual one: a fire delayed by a busy scheduler is still that slot's run.
        var slot = (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime;
        await starter.StartAsync(rule, slot, cancellationToken);
    }
}
