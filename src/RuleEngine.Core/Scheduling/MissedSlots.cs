using Quartz;

namespace RuleEngine.Scheduling;

/// <summary>Which fire time a schedule missed while the server was down.</summary>
public static class MissedSlots
{
    /// <summary>
    /// The latest fire time of <paramref name="cron"/> after <paramref name="after"/> and at or before
    /// <paramref name="upTo"/>; null when there is none. Only the latest matters: after downtime a rule runs once
    /// for the state of now, not once per slot it missed.
    /// </summary>
    public static DateTimeOffset? Latest(CronExpression cron, DateTimeOffset after, DateTimeOffset upTo)
    {
        // Cron can only be walked forwards. Walking from the last run could take millions of steps (a per-second cron
        // after a week down), so look back from now in doubling windows: the first window holding a slot is at most
        // twice as long as the gap to that slot, and only its slots are walked.
        for (var window = TimeSpan.FromMinutes(1); ; window *= 2)
        {
            var from = upTo - window < after ? after : upTo - window;
            DateTimeOffset? latest = null;
            for (var slot = cron.GetNextValidTimeAfter(from); slot is { } s && s <= upTo; slot = cron.GetNextValidTimeAfter(s))
                latest = s;
            if (latest is not null || from == after) return latest;
        }
    }
}
