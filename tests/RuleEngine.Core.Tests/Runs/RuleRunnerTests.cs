using RuleEngine.Runs;

namespace RuleEngine.Tests.Runs;

/// <summary>Runs apply each outcome exactly once, dry runs change nothing and predict exactly, as-of runs cannot see the future.</summary>
public class RuleRunnerTests : IAsyncLifetime
{
    const string Tier = """
        var spend = SpendWithin(365);
        var tier = spend >= 1000m ? "gold" : "silver";
        SetSegment("tier", tier, $"spend {spend:N0} in 365 d -> {tier}");
        foreach (var order in PaidOrdersWithin(365)) AwardPoints((long)order.Amount / 10, $"order:{order.Id}", $"{order.Amount} spent");
        """;

    readonly RunHarness _h = new();

    public async Task InitializeAsync()
    {
        await _h.AddRuleAsync("tier", Tier);
        await _h.AddCustomersAsync(("c1", [600m, 600m]), ("c2", [100m]), ("c3", []), ("c4", [2000m]), ("c5", [50m, 20m]));
    }

    [Fact]
    public async Task Run_applies_outcomes_and_records_what_ran()
    {
        var run = await _h.RunAsync("tier");

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(_h.Catalog.Find("tier")!.Active!.Hash, run.VersionHash);
        Assert.Equal(new RunProgress(5, 5), run.Progress);
        Assert.Equal(5, run.Counts.Evaluated);
        Assert.Equal(5, run.Counts.SegmentChanges);
        Assert.Equal(6, run.Counts.PointsEntries);
        Assert.Equal(60 + 60 + 10 + 200 + 5 + 2, run.Counts.PointsAwarded);
        Assert.Equal("gold", _h.Db.Segments.CurrentFor("c1")["tier"]);
        Assert.Equal(120, _h.Db.Points.BalanceOf("c1"));
        Assert.Contains(_h.Db.Runs.Outcomes(run.Id, new(100)).Items, o => o.CustomerId == "c4" && o.To == "gold" && o.Because!.Contains("2,000"));
        Assert.Contains(_h.Db.Runs.Logs(run.Id, new(100)).Items, l => l.Message.StartsWith("Run succeeded"));
    }

    [Fact]
    public async Task Rerun_of_a_succeeded_run_changes_nothing()
    {
        var first = await _h.RunAsync("tier");
        var ledgerBefore = _h.Db.Points.EntriesFor("c1");

        var rerun = await _h.Coordinator.RerunAsync(first.Id, "test");
        rerun = (await _h.Coordinator.ExecuteAsync(rerun.Id, CancellationToken.None))!;

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.Equal((RunTrigger.Rerun, first.Id, first.AsOf, first.VersionHash), (rerun.Trigger, rerun.RerunOf, rerun.AsOf, rerun.VersionHash));
        Assert.Equal(new RunCounts { Evaluated = 5 }, rerun.Counts);
        Assert.Equal(ledgerBefore, _h.Db.Points.EntriesFor("c1"));
    }

    [Fact]
    public async Task Dry_run_changes_nothing_and_its_counts_equal_the_real_runs_effects()
    {
        var dry = await _h.RunAsync("tier", dryRun: true);

        Assert.Empty(_h.Db.Segments.CurrentFor("c1"));
        Assert.Equal(0, _h.Db.Points.BalanceOf("c1"));
        Assert.Equal([new SegmentMove("tier", null, "silver", 3), new SegmentMove("tier", null, "gold", 2)], dry.Impact!.SegmentMoves);
        Assert.Equal(337, dry.Impact.PointsAwarded);
        Assert.Contains(dry.Impact.Sample, s => s.CustomerId == "c4" && s.Changes.Any(c => c.Contains("none → gold")));

        var real = await _h.RunAsync("tier");
        Assert.Equal(real.Counts, dry.Counts);
    }

    [Fact]
    public async Task As_of_run_does_not_see_orders_after_its_clock()
    {
        var run = await _h.RunAsync("tier", asOf: RunHarness.Now.AddDays(-20));

        Assert.Equal(RunHarness.Now.AddDays(-20), run.AsOf);
        // c1's order 10 days ago is invisible then: only the one 40 days ago counts (600 → silver).
        Assert.Equal("silver", _h.Db.Segments.CurrentFor("c1")["tier"]);
        Assert.Equal(60, _h.Db.Points.BalanceOf("c1"));
    }

    [Fact]
    public async Task Run_limited_to_customers_evaluates_only_them()
    {
        var run = await _h.RunAsync("tier", customerIds: ["c4", "c2", "nobody"]);

        Assert.Equal(2, run.Counts.Evaluated);
        Assert.Empty(_h.Db.Segments.CurrentFor("c1"));
    }

    [Fact]
    public async Task Customer_that_throws_is_recorded_and_skipped_and_too_many_fail_the_run()
    {
        await _h.AddRuleAsync("fragile", """
            if (Customer.Id == "c2") throw new InvalidOperationException("bad data");
            SetSegment("ok", "yes", "fine");
            """);
        _h.Options.MaxErrorRatio = 0.5;

        var run = await _h.RunAsync("fragile");

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal((5L, 1L, 4L), (run.Counts.Evaluated, run.Counts.Failed, run.Counts.SegmentChanges));
        Assert.Contains(_h.Db.Runs.Logs(run.Id, new(100)).Items, l => l.CustomerId == "c2" && l.Message.Contains("fragile.csx(2,") && l.Message.Contains("bad data"));

        _h.Options.MaxErrorRatio = 0.1;
        var failed = await _h.RunAsync("fragile");
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Contains("1 of 5 customers failed", failed.Error);
    }

    [Fact]
    public async Task Customer_past_its_time_limit_fails_alone_and_the_rest_of_its_page_is_evaluated()
    {
        await _h.AddRuleAsync("stuck", """
            if (Customer.Id == "c2") while (true) { }
            SetSegment("ok", "yes", "fine");
            """);
        _h.Options.MaxErrorRatio = 0.5;
        _h.Options.CustomerTimeout = TimeSpan.FromMilliseconds(200);

        var run = await _h.RunAsync("stuck");

        // Page size 3: c1 and c3 share c2's page (and its guard scope) and still get their outcomes.
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal((5L, 1L, 4L), (run.Counts.Evaluated, run.Counts.Failed, run.Counts.SegmentChanges));
        Assert.Equal("yes", _h.Db.Segments.CurrentFor("c3")["ok"]);
        Assert.Contains(_h.Db.Runs.Logs(run.Id, new(100)).Items, l => l.CustomerId == "c2" && l.Message.Contains("time limit"));
    }

    [Fact]
    public async Task Cancel_stops_a_running_run()
    {
        await _h.AddRuleAsync("endless", "while (true) { }");
        var run = await _h.Coordinator.TriggerAsync(new RunRequest { Rule = "endless", TriggeredBy = "test" });
        var execution = _h.Coordinator.ExecuteAsync(run.Id, CancellationToken.None);
        while (_h.Db.Runs.Find(run.Id)!.Status != RunStatus.Running) await Task.Delay(20);

        Assert.True(await _h.Coordinator.CancelAsync(run.Id, "ops"));

        var finished = await execution;
        Assert.Equal(RunStatus.Cancelled, finished!.Status);
    }

    [Fact]
    public async Task Run_left_running_by_a_crash_is_interrupted_and_a_rerun_completes_it_without_duplicates()
    {
        var first = await _h.RunAsync("tier", customerIds: ["c1", "c2"]);
        // Simulate a crash in the middle of a full run: the record says running, some effects were applied.
        var crashed = await _h.Coordinator.TriggerAsync(new RunRequest { Rule = "tier", TriggeredBy = "scheduler" });
        await _h.Db.Runs.SaveAsync(crashed with { Status = RunStatus.Running, VersionHash = first.VersionHash });

        await _h.Coordinator.RecoverAsync(CancellationToken.None);
        var interrupted = _h.Db.Runs.Find(crashed.Id)!;
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);

        var rerun = await _h.Coordinator.RerunAsync(crashed.Id, "ops");
        rerun = (await _h.Coordinator.ExecuteAsync(rerun.Id, CancellationToken.None))!;
        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.Equal(3, rerun.Counts.PointsEntries); // c4 and c5: the orders of c1 and c2 were applied before the crash, not again
        Assert.Single(_h.Db.Points.EntriesFor("c4"));
        Assert.Equal(2, _h.Db.Points.EntriesFor("c1").Count);
    }

    [Fact]
    public async Task Two_runs_of_one_rule_never_overlap()
    {
        var a = await _h.Coordinator.TriggerAsync(new RunRequest { Rule = "tier", TriggeredBy = "test" });
        var b = await _h.Coordinator.TriggerAsync(new RunRequest { Rule = "tier", TriggeredBy = "test" });

        var runs = await Task.WhenAll(_h.Coordinator.ExecuteAsync(a.Id, CancellationToken.None), _h.Coordinator.ExecuteAsync(b.Id, CancellationToken.None));

        var (first, second) = runs[0]!.StartedAt <= runs[1]!.StartedAt ? (runs[0]!, runs[1]!) : (runs[1]!, runs[0]!);
        Assert.True(first.FinishedAt <= second.StartedAt);
    }

    [Fact]
    public async Task A_rule_without_a_good_version_cannot_be_triggered()
    {
        await File.WriteAllTextAsync(Path.Combine(_h.RulesPath, "broken.csx"), "// kind: reward\nnope(;\n");
        await _h.Catalog.SyncAsync();

        var error = await Assert.ThrowsAsync<RunRejectedException>(() => _h.Coordinator.TriggerAsync(new RunRequest { Rule = "broken", TriggeredBy = "t" }));
        Assert.Contains("no version that compiles", error.Message);
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();
}
