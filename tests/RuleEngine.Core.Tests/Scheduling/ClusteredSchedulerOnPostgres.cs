using Quartz;
using RuleEngine.Scheduling;
using RuleEngine.Tests.Runs;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Scheduling;

/// <summary>
/// Quartz's triggers kept in PostgreSQL, as the nodes of a cluster share them: a node starting finds the stored trigger
/// and keeps it, and a slot missed while every node was down fires once, as the run of that slot (Quartz's misfire
/// handling is then the only catch-up: the start-up catch-up of the in-memory store does not run beside it).
/// </summary>
[Trait("Backend", "postgres")]
public sealed class ClusteredSchedulerOnPostgres : IAsyncLifetime
{
    readonly TempPostgres _postgres = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task A_node_starting_keeps_the_stored_trigger_that_matches_its_rule()
    {
        DateTimeOffset storedStart;
        await using (var first = new SchedulingHarness(postgres: _postgres))
        {
            await first.AddRuleAsync("nightly", "schedule: 0 0 3 * * ?");
            await first.Rules.StartAsync(CancellationToken.None);
            storedStart = (await first.TriggerOf("nightly"))!.StartTimeUtc;
        }

        await using var second = new SchedulingHarness(postgres: _postgres);
        await second.AddRuleAsync("nightly", "schedule: 0 0 3 * * ?");
        await Task.Delay(50);
        await second.Rules.StartAsync(CancellationToken.None);

        Assert.Equal(storedStart, (await second.TriggerOf("nightly"))!.StartTimeUtc);
        Assert.Equal("nightly", Assert.Single(second.Rules.Scheduled).Key);
    }

    [Fact]
    public async Task A_node_starting_drops_the_stored_job_of_a_rule_no_longer_scheduled()
    {
        await using (var first = new SchedulingHarness(postgres: _postgres))
        {
            await first.AddRuleAsync("nightly", "schedule: 0 0 3 * * ?");
            await first.Rules.StartAsync(CancellationToken.None);
        }

        await using var second = new SchedulingHarness(postgres: _postgres);
        await second.Rules.StartAsync(CancellationToken.None);

        Assert.False(await second.HasJob("nightly"));
    }

    [Fact]
    public async Task Slots_missed_while_every_node_was_down_fire_once_as_the_latest_missed_slot()
    {
        await using (var first = new SchedulingHarness(fakeClock: true, postgres: _postgres))
        {
            first.Runs.Clock.SetUtcNow(RunHarness.Now.AddMinutes(20)); // 08:20: next fire 09:00
            await first.AddRuleAsync("hourly", "schedule: 0 0 * * * ?");
            await first.Rules.StartAsync(CancellationToken.None);
        }

        await using var second = new SchedulingHarness(fakeClock: true, postgres: _postgres);
        second.Runs.Clock.SetUtcNow(RunHarness.Now.AddHours(3).AddMinutes(20)); // 11:20: 09:00, 10:00 and 11:00 were missed
        await second.AddRuleAsync("hourly", "schedule: 0 0 * * * ?");
        await second.Rules.StartAsync(CancellationToken.None);
        await second.Quartz.Start(CancellationToken.None);

        Assert.True(await SchedulingHarness.EventuallyAsync(() => Task.FromResult(second.ScheduledRuns("hourly").Count > 0)), "the missed slot fired");
        await Task.Delay(500);
        var run = Assert.Single(second.ScheduledRuns("hourly"));
        Assert.Equal(RunHarness.Now.AddHours(3), run.ScheduledFor);
    }

    [Fact]
    public void A_fire_is_for_the_latest_slot_of_its_cron_at_or_before_its_scheduled_time()
    {
        var trigger = TriggerBuilder.Create().WithIdentity("t").ForJob("j")
            .WithCronSchedule("0 0 * * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)).Build();
        var slot = new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero);

        Assert.Equal(slot.UtcDateTime, RuleRunJob.SlotOf(slot, slot.AddMilliseconds(30), trigger)); // on time
        Assert.Equal(slot.UtcDateTime, RuleRunJob.SlotOf(slot.AddMinutes(20), slot.AddMinutes(20), trigger)); // a misfire fired "now"
        Assert.Equal(slot.UtcDateTime, RuleRunJob.SlotOf(slot.AddHours(-2), slot.AddMinutes(20), trigger)); // a misfire reporting its first missed slot
        var recovery = TriggerBuilder.Create().WithIdentity("r").ForJob("j").StartAt(slot.AddMinutes(20)).Build();
        Assert.Equal(slot.AddHours(-2).UtcDateTime, RuleRunJob.SlotOf(slot.AddHours(-2), slot.AddMinutes(20), recovery)); // recovered: as scheduled
    }
}
