using System.Globalization;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scheduling;

namespace RuleEngine.Tests.Scheduling;

/// <summary>One Quartz job per scheduled, running rule, following every change of the rule.</summary>
public class RuleSchedulerTests : IAsyncLifetime
{
    readonly SchedulingHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Scheduled_rule_fires_and_its_run_is_named_after_the_slot()
    {
        await _h.AddRuleAsync("tick", "schedule: */1 * * * * ?");
        await _h.Quartz.Start(CancellationToken.None);
        await _h.Rules.StartAsync(CancellationToken.None);

        Assert.True(await SchedulingHarness.EventuallyAsync(() => Task.FromResult(_h.ScheduledRuns("tick").Count > 0)),
            "no scheduled run appeared");

        var run = _h.ScheduledRuns("tick")[^1];
        var slot = run.ScheduledFor!.Value;
        Assert.Equal((RunTrigger.Schedule, ScheduledRunStarter.TriggeredBy), (run.Trigger, run.TriggeredBy));
        Assert.Equal(0, slot.Millisecond);
        Assert.Equal($"tick@{slot.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}", run.Id);
    }

    [Fact]
    public async Task Job_uses_the_rules_cron_in_its_time_zone_and_utc_when_it_names_none()
    {
        await _h.AddRuleAsync("nightly", "schedule: 0 0 2 * * ?", "timeZone: Asia/Shanghai");
        await _h.AddRuleAsync("hourly", "schedule: 0 0 * * * ?");
        await _h.Rules.StartAsync(CancellationToken.None);

        var nightly = (await _h.TriggerOf("nightly"))!;
        Assert.Equal(("0 0 2 * * ?", "Asia/Shanghai"), (nightly.CronExpressionString, nightly.TimeZone.Id));
        Assert.Equal(TimeSpan.FromHours(18), (await _h.Rules.NextFireTimeAsync("nightly"))!.Value.TimeOfDay); // 02:00 +08:00
        Assert.Equal(TimeZoneInfo.Utc.Id, (await _h.TriggerOf("hourly"))!.TimeZone.Id);
    }

    [Fact]
    public async Task Editing_the_schedule_reschedules_the_job_and_removing_it_removes_the_job()
    {
        await _h.AddRuleAsync("nightly", "schedule: 0 0 2 * * ?", "timeZone: Asia/Shanghai");
        await _h.Rules.StartAsync(CancellationToken.None);

        await _h.EditRuleAsync("nightly", "schedule: 0 30 4 * * ?");
        Assert.True(await SchedulingHarness.EventuallyAsync(async () =>
            await _h.TriggerOf("nightly") is { CronExpressionString: "0 30 4 * * ?" } t && t.TimeZone.Id == TimeZoneInfo.Utc.Id),
            "the trigger kept its old cron or zone");

        await _h.EditRuleAsync("nightly");
        Assert.True(await SchedulingHarness.EventuallyAsync(async () => !await _h.HasJob("nightly")), "the job outlived its schedule");
        Assert.Null(await _h.Rules.NextFireTimeAsync("nightly"));
        Assert.NotNull(_h.Catalog.Find("nightly")!.Active);
    }

    [Fact]
    public async Task Deactivated_rule_has_no_job()
    {
        await _h.AddRuleAsync("nightly", "schedule: 0 0 2 * * ?");
        await _h.Rules.StartAsync(CancellationToken.None);
        Assert.True(await _h.HasJob("nightly"));

        File.Delete(Path.Combine(_h.Runs.RulesPath, "nightly.csx"));
        await _h.Catalog.SyncAsync();

        Assert.True(await SchedulingHarness.EventuallyAsync(async () => !await _h.HasJob("nightly")), "the deactivated rule kept its job");
        Assert.Equal(RuleStatus.Disabled, _h.Catalog.Find("nightly")!.Status);
    }

    [Fact]
    public async Task Rule_without_a_schedule_has_no_job()
    {
        await _h.AddRuleAsync("on-demand");
        await _h.Rules.StartAsync(CancellationToken.None);

        Assert.False(await _h.HasJob("on-demand"));
        Assert.Null(await _h.Rules.NextFireTimeAsync("on-demand"));
    }

    [Fact]
    public async Task Rejected_new_version_keeps_the_schedule_of_the_version_that_runs()
    {
        await _h.AddRuleAsync("nightly", "schedule: 0 0 2 * * ?");
        await _h.Rules.StartAsync(CancellationToken.None);

        await File.WriteAllTextAsync(Path.Combine(_h.Runs.RulesPath, "nightly.csx"),
            "// kind: segmentation\n// schedule: 0 0 5 * * ?\nvar broken = ;\n");
        await _h.Catalog.SyncAsync();
        await _h.Rules.SyncAsync("nightly"); // what the change event does, awaited here

        Assert.NotNull(_h.Catalog.Find("nightly")!.Pending);
        Assert.Equal("0 0 2 * * ?", (await _h.TriggerOf("nightly"))!.CronExpressionString);
    }
}
