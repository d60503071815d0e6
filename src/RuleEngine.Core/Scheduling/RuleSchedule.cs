using Quartz;
using RuleEngine.Rules;

namespace RuleEngine.Scheduling;

/// <summary>
/// When a rule runs by itself: its header's Quartz cron in its time zone. Only the running version's header counts:
/// a rejected newer version with another schedule does not move the schedule (last-good, like the code).
/// </summary>
public sealed record RuleSchedule(string Cron, string TimeZoneId)
{
    /// <summary>The schedule of the version that runs; null when the rule does not run or has no schedule.</summary>
    public static RuleSchedule? Of(RuleState? rule) =>
        rule is { Status: RuleStatus.Active, Active.Header: { Schedule: { } cron } header }
            ? new RuleSchedule(cron, header.ScheduleTimeZone.Id)
            : null;

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>The cron with its zone stated: Quartz would otherwise read it in the machine's zone.</summary>
    public CronExpression Expression() => new(Cron, TimeZone);

    public override string ToString() => $"'{Cron}' ({TimeZoneId})";
}
