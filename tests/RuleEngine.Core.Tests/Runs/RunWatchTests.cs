using RuleEngine.Runs;

namespace RuleEngine.Tests.Runs;

public class RunWatchTests
{
    static Run State(RunStatus status, long processed) => new()
    {
        Id = "run-1", Rule = "r", Trigger = RunTrigger.Manual, TriggeredBy = "ops", AsOf = DateTime.UnixEpoch,
        Status = status, CreatedAt = DateTime.UnixEpoch, Progress = new RunProgress(processed, 100),
    };

    [Fact]
    public void A_state_published_late_never_takes_a_run_back_from_finished_or_its_progress_backwards()
    {
        // The runner queues its start, last page and final status together; each save publishes from its own
        // acknowledgement, in any order. A fuzz test's event stream of a finished run waited 100 s for an end that had passed.
        var watch = new RunWatch();
        watch.Publish(State(RunStatus.Running, 50));
        watch.Publish(State(RunStatus.Running, 0));
        using (var midway = watch.Watch("run-1")) Assert.Equal(50, midway.Latest!.Progress.Processed);

        watch.Publish(State(RunStatus.Succeeded, 100));
        watch.Publish(State(RunStatus.Running, 100));
        using var late = watch.Watch("run-1");

        Assert.Equal(RunStatus.Succeeded, late.Latest!.Status);
        Assert.True(late.Updates.Completion.IsCompleted);
    }
}
