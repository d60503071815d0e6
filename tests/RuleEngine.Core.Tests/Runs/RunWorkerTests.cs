using RuleEngine.Runs;
using Microsoft.Extensions.Logging;

namespace RuleEngine.Tests.Runs;

/// <summary>The coordinator's workers outlive any one run: an exception escaping them would stop the whole host.</summary>
public class RunWorkerTests
{
    [Fact]
    public async Task A_worker_goes_on_when_storage_cannot_even_record_a_run()
    {
        await using var harness = new RunHarness();
        await harness.AddRuleAsync("grade", """SetSegment("grade", "A", "always");""");
        await harness.AddCustomersAsync(("c1", [10m]));
        var first = await harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test" });
        var second = await harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test" });
        // The database closes, as LiteDB's engine does after an internal error: every read and write now throws.
        harness.Db.Database.Dispose();

        using var stop = new CancellationTokenSource();
        var workers = harness.Coordinator.ProcessAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (harness.CoordinatorLog.Entries.Count(e => e.Level == LogLevel.Error) < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);

        var errors = harness.CoordinatorLog.Entries.Where(e => e.Level == LogLevel.Error).Select(e => e.Message).ToList();
        Assert.Contains(errors, m => m.Contains(first.Id));
        Assert.Contains(errors, m => m.Contains(second.Id));
        Assert.False(workers.IsCompleted, "the workers stopped after the failures");
        await stop.CancelAsync();
        await workers; // and they stop cleanly when the host stops
    }

    [Fact]
    public async Task Manual_triggers_are_refused_while_their_lane_is_full_but_scheduled_runs_are_always_queued()
    {
        await using var harness = new RunHarness();
        harness.Options.MaxQueuedRuns = 2;
        await harness.AddRuleAsync("grade", """SetSegment("grade", "A", "always");""");
        // No workers run in the harness: what is triggered stays queued.
        await harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test", DryRun = true });
        await harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test", DryRun = true });

        var refused = await Assert.ThrowsAsync<RunRejectedException>(() => harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test", DryRun = true }));
        // Real runs queue in their own lane: a full dry-run lane does not refuse them, until their lane is full too.
        await harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test" });
        await harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test" });
        var refusedReal = await Assert.ThrowsAsync<RunRejectedException>(() => harness.Coordinator.TriggerAsync(new() { Rule = "grade", TriggeredBy = "test" }));
        var scheduled = await harness.Coordinator.TriggerAsync(new()
        {
            Rule = "grade", Trigger = RunTrigger.Schedule, TriggeredBy = "schedule", ScheduledFor = RunHarness.Now.AddHours(-1),
        });

        Assert.Equal(RunRejection.Busy, refused.Reason);
        Assert.Contains("2 dry runs and previews are waiting", refused.Message);
        Assert.Contains("2 runs are waiting", refusedReal.Message);
        Assert.Equal((3, 2), harness.Coordinator.Waiting); // the scheduled run queued beyond the limit
        Assert.Equal(RunStatus.Pending, scheduled.Status);
    }
}
