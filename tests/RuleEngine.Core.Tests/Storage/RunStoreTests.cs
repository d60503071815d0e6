using RuleEngine.Runs;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>Run records, their log lines and outcome records, as every backend keeps them.</summary>
public abstract class RunStoreTests
{
    protected abstract TestStorage NewStorage();

    protected static Run ARun(string id, string rule = "value-grade", int minutes = 0, RunStatus status = RunStatus.Succeeded,
        RunTrigger trigger = RunTrigger.Manual, string by = "ops", DateTime? scheduledFor = null) => new()
    {
        Id = id, Rule = rule, Trigger = trigger, TriggeredBy = by, AsOf = Some.Time, Status = status,
        CreatedAt = Some.Time.AddMinutes(minutes), ScheduledFor = scheduledFor, Progress = new RunProgress(minutes, 100),
    };

    [Fact]
    public async Task A_run_is_created_once_and_every_saved_state_replaces_the_last()
    {
        await using var db = NewStorage();

        Assert.True(await db.Runs.TryCreateAsync(ARun("r1", status: RunStatus.Pending)));
        Assert.False(await db.Runs.TryCreateAsync(ARun("r1", status: RunStatus.Running))); // a slot fired twice
        await db.Runs.SaveAsync(ARun("r1", status: RunStatus.Succeeded) with { Error = null, Counts = new RunCounts { Evaluated = 7 } });

        var found = db.Runs.Find("r1")!;
        Assert.Equal((RunStatus.Succeeded, 7L), (found.Status, found.Counts.Evaluated));
        Assert.Null(db.Runs.Find("r2"));
    }

    [Fact]
    public async Task Lists_are_newest_first_filtered_and_paged_without_gaps_or_repeats()
    {
        await using var db = NewStorage();
        for (var i = 0; i < 7; i++)
            await db.Runs.SaveAsync(ARun($"r{i}", rule: i % 2 == 0 ? "a" : "b", minutes: i, status: i == 3 ? RunStatus.Failed : RunStatus.Succeeded,
                trigger: i == 5 ? RunTrigger.Schedule : RunTrigger.Manual, by: i == 6 ? "analyst" : "ops"));

        var pages = new List<string>();
        string? cursor = null;
        do
        {
            var page = db.Runs.List(new RunQuery(), new PageRequest(3, cursor));
            pages.AddRange(page.Items.Select(r => r.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(["r6", "r5", "r4", "r3", "r2", "r1", "r0"], pages);
        Assert.Equal(["r6", "r4", "r2", "r0"], db.Runs.List(new RunQuery(Rule: "a"), new PageRequest(10)).Items.Select(r => r.Id));
        Assert.Equal(["r3"], db.Runs.List(new RunQuery(Status: RunStatus.Failed), new PageRequest(10)).Items.Select(r => r.Id));
        Assert.Equal(["r5"], db.Runs.List(new RunQuery(Trigger: RunTrigger.Schedule), new PageRequest(10)).Items.Select(r => r.Id));
        Assert.Equal(["r6"], db.Runs.List(new RunQuery(Actor: "analyst"), new PageRequest(10)).Items.Select(r => r.Id));
        Assert.Equal(["r4", "r3"], db.Runs.List(new RunQuery(From: Some.Time.AddMinutes(3), To: Some.Time.AddMinutes(5)), new PageRequest(10)).Items.Select(r => r.Id));
        Assert.Equal("r6", db.Runs.Last("a")!.Id);
    }

    [Fact]
    public async Task Runs_by_status_oldest_first_and_the_last_scheduled_run_of_a_rule()
    {
        await using var db = NewStorage();
        await db.Runs.SaveAsync(ARun("p2", minutes: 2, status: RunStatus.Pending));
        await db.Runs.SaveAsync(ARun("x1", minutes: 1, status: RunStatus.Running));
        await db.Runs.SaveAsync(ARun("done", minutes: 3));
        await db.Runs.SaveAsync(ARun("s1", rule: "tier", minutes: 4, trigger: RunTrigger.Schedule, scheduledFor: Some.Time.AddDays(1)));
        await db.Runs.SaveAsync(ARun("s0", rule: "tier", minutes: 5, trigger: RunTrigger.Schedule, scheduledFor: Some.Time));
        await db.Runs.SaveAsync(ARun("m", rule: "tier", minutes: 6));

        Assert.Equal(["x1", "p2"], db.Runs.WithStatus(RunStatus.Pending, RunStatus.Running).Select(r => r.Id));
        Assert.Equal("s1", db.Runs.LastScheduled("tier")!.Id); // by the slot, not by when the run was created
        Assert.Null(db.Runs.LastScheduled("value-grade"));
    }

    [Fact]
    public async Task Log_lines_and_outcome_records_page_in_sequence_and_a_repeat_replaces_its_line()
    {
        await using var db = NewStorage();
        await db.Runs.AppendLogAsync(Enumerable.Range(1, 5).Select(i => new RunLogLine("r1", i, Some.Time, "info", $"line {i}")).ToList());
        await db.Runs.AppendLogAsync([new RunLogLine("r1", 3, Some.Time, "warning", "line 3 again", "c9"), new RunLogLine("r2", 1, Some.Time, "info", "other run")]);
        await db.Runs.AppendOutcomesAsync(Enumerable.Range(1, 3).Select(i => new RunOutcomeRecord("r1", i, $"c{i}", "segment", "tier", null, "gold", "spend")).ToList());

        var first = db.Runs.Logs("r1", new PageRequest(2));
        var rest = db.Runs.Logs("r1", new PageRequest(10, first.NextCursor));

        Assert.Equal(["line 1", "line 2"], first.Items.Select(l => l.Message));
        Assert.Equal(["line 3 again", "line 4", "line 5"], rest.Items.Select(l => l.Message));
        Assert.Equal(("warning", "c9"), (rest.Items[0].Level, rest.Items[0].CustomerId));
        Assert.Null(rest.NextCursor);
        Assert.Equal(["c1", "c2", "c3"], db.Runs.Outcomes("r1", new PageRequest(10)).Items.Select(o => o.CustomerId));
        Assert.Empty(db.Runs.Outcomes("r2", new PageRequest(10)).Items);
    }
}

public sealed class RunStoreOnLiteDb : RunStoreTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class RunStoreOnPostgres : RunStoreTests
{
    protected override TestStorage NewStorage() => new TempPostgres();

    // Saves are transactions of their own here (no single writer to keep them in order): an earlier state landing late
    // must not undo a later one.
    [Fact]
    public async Task A_state_saved_late_never_undoes_a_later_one()
    {
        await using var db = NewStorage();
        var running = ARun("r1", status: RunStatus.Running) with { Progress = new RunProgress(50, 100) };
        await db.Runs.SaveAsync(running with { Progress = new RunProgress(80, 100) });
        await db.Runs.SaveAsync(running); // progress 50 arrives after 80
        Assert.Equal(80, db.Runs.Find("r1")!.Progress.Processed);

        await db.Runs.SaveAsync(running with { Status = RunStatus.Succeeded, Progress = new RunProgress(100, 100) });
        await db.Runs.SaveAsync(running with { Progress = new RunProgress(100, 100) }); // the last page's progress, late

        Assert.Equal(RunStatus.Succeeded, db.Runs.Find("r1")!.Status);
        await db.Runs.SaveAsync(db.Runs.Find("r1")! with { Status = RunStatus.Failed, Error = "records could not be written" });
        Assert.Equal(RunStatus.Failed, db.Runs.Find("r1")!.Status); // one final state may still replace another
    }
}
