using RuleEngine.Runs;

namespace RuleEngine.Tests.Scheduling;

/// <summary>A slot runs at most once, and a fire while the rule is still busy does not pile up runs.</summary>
public class ScheduledRunStarterTests : IAsyncLifetime
{
    static readonly DateTime Slot = new(2026, 11, 22, 7, 0, 0, DateTimeKind.Utc);

    readonly SchedulingHarness _h = new(fakeClock: true);

    public Task InitializeAsync() => _h.AddRuleAsync("hourly", "schedule: 0 0 * * * ?");

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Refire_of_a_slot_returns_the_run_the_first_fire_created()
    {
        var first = await _h.Starter.StartAsync("hourly", Slot, CancellationToken.None);
        await _h.Runs.Coordinator.ExecuteAsync(first!.Id, CancellationToken.None);

        var again = await _h.Starter.StartAsync("hourly", Slot, CancellationToken.None);

        Assert.Equal(first.Id, again!.Id);
        Assert.Equal(RunStatus.Succeeded, again.Status);
        Assert.Single(_h.ScheduledRuns("hourly"));
    }

    [Fact]
    public async Task Fire_while_a_run_of_the_rule_is_pending_is_skipped()
    {
        var pending = await _h.Runs.Coordinator.TriggerAsync(new RunRequest { Rule = "hourly", TriggeredBy = "ops" });

        var fired = await _h.Starter.StartAsync("hourly", Slot, CancellationToken.None);

        Assert.Null(fired);
        Assert.Empty(_h.ScheduledRuns("hourly"));
        Assert.Equal(RunStatus.Pending, _h.Runs.Db.Runs.Find(pending.Id)!.Status);
    }

    [Fact]
    public async Task Fire_after_the_busy_run_finished_runs_again()
    {
        var earlier = await _h.Starter.StartAsync("hourly", Slot, CancellationToken.None);
        Assert.Null(await _h.Starter.StartAsync("hourly", Slot.AddHours(1), CancellationToken.None));

        await _h.Runs.Coordinator.ExecuteAsync(earlier!.Id, CancellationToken.None);
        var next = await _h.Starter.StartAsync("hourly", Slot.AddHours(1), CancellationToken.None);

        Assert.Equal(Slot.AddHours(1), next!.ScheduledFor);
        Assert.Equal(2, _h.ScheduledRuns("hourly").Count);
    }

    [Fact]
    public async Task Pending_dry_run_does_not_cost_a_slot()
    {
        await _h.Runs.Coordinator.TriggerAsync(new RunRequest { Rule = "hourly", TriggeredBy = "analyst", DryRun = true });

        var fired = await _h.Starter.StartAsync("hourly", Slot, CancellationToken.None);

        Assert.Equal(Slot, fired!.ScheduledFor);
    }
}
