using Quartz;
using RuleEngine.Runs;
using RuleEngine.Scheduling;
using RuleEngine.Tests.Runs;

namespace RuleEngine.Tests.Scheduling;

/// <summary>After downtime a rule runs once, for its latest missed slot; with nothing missed it waits for its next fire.</summary>
public class CatchUpTests : IAsyncLifetime
{
    // The fake clock reads 08:20; the rule fires hourly, so 06:00, 07:00 and 08:00 fell due after a 05:00 run.
    static readonly DateTime Now = RunHarness.Now.AddMinutes(20);

    readonly SchedulingHarness _h = new(fakeClock: true);

    public async Task InitializeAsync()
    {
        _h.Runs.Clock.SetUtcNow(Now);
        await _h.AddRuleAsync("hourly", "schedule: 0 0 * * * ?");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Three_missed_slots_give_exactly_one_run_for_the_latest()
    {
        await RanScheduledAtAsync(RunHarness.Now.AddHours(-3));

        await _h.Rules.StartAsync(CancellationToken.None);

        var runs = _h.ScheduledRuns("hourly");
        Assert.Equal(2, runs.Count);
        Assert.Equal(RunHarness.Now, _h.Runs.Db.Runs.LastScheduled("hourly")!.ScheduledFor);
    }

    [Fact]
    public async Task No_missed_slot_gives_no_run()
    {
        await RanScheduledAtAsync(RunHarness.Now);

        await _h.Rules.StartAsync(CancellationToken.None);

        Assert.Single(_h.ScheduledRuns("hourly"));
    }

    [Fact]
    public async Task Rule_that_never_ran_on_its_schedule_is_not_caught_up()
    {
        await _h.Rules.StartAsync(CancellationToken.None);

        Assert.Empty(_h.ScheduledRuns("hourly"));
        Assert.Equal(RunHarness.Now.AddHours(1), await _h.Rules.NextFireTimeAsync("hourly"));
    }

    [Fact]
    public void Latest_missed_slot_is_found_in_the_rules_time_zone()
    {
        var nightly = new CronExpression("0 0 2 * * ?", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var lastRun = new DateTimeOffset(2026, 11, 18, 18, 0, 0, TimeSpan.Zero);

        var missed = MissedSlots.Latest(nightly, lastRun, new DateTimeOffset(Now, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero), missed); // 02:00 on the 22nd in Shanghai
    }

    [Fact]
    public void Latest_missed_slot_of_a_dense_cron_after_a_long_gap_is_the_last_second()
    {
        var everySecond = new CronExpression("* * * * * ?", TimeZoneInfo.Utc);
        var upTo = new DateTimeOffset(Now, TimeSpan.Zero).AddMilliseconds(400);

        Assert.Equal(new DateTimeOffset(Now, TimeSpan.Zero), MissedSlots.Latest(everySecond, upTo.AddDays(-30), upTo));
        Assert.Null(MissedSlots.Latest(everySecond, new DateTimeOffset(Now, TimeSpan.Zero), upTo));
    }

    async Task RanScheduledAtAsync(DateTime slot)
    {
        var run = await _h.Runs.Coordinator.TriggerAsync(new RunRequest
        {
            Rule = "hourly", Trigger = RunTrigger.Schedule, TriggeredBy = ScheduledRunStarter.TriggeredBy, ScheduledFor = slot,
        });
        await _h.Runs.Coordinator.ExecuteAsync(run.Id, CancellationToken.None);
    }
}
