using System.Diagnostics;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Tests.Runs;

/// <summary>
/// Rules evaluated in worker processes give what the server gives in-process, and a rule that takes its worker down
/// (a stack overflow no guard can catch, a framework call past the page's limit) fails only its run, with the reason
/// and the customers it was on; the next run gets a fresh worker. The test host itself is the "server" here: it
/// survives every case.
/// </summary>
public class WorkerEvaluationTests
{
    // Reads the population, the state earlier rules left, logs, and fails for one customer: every path a page takes.
    const string Graded = """
        var rank = Population.Spend(365).PercentRank(SpendWithin(365));
        var grade = rank >= 0.6 ? "A" : rank >= 0.3 ? "B" : "C";
        SetSegment("grade", grade, $"rank {rank:P0}");
        if (Segment("tier") == "gold") Tag("gold-graded", "gold and graded");
        foreach (var order in PaidOrdersWithin(365)) AwardPoints((long)order.Amount / 10, $"order:{order.Id}", $"{order.Amount} spent");
        Log($"graded {grade} with balance {PointsBalance}");
        if (Customer.Id == "c5") throw new InvalidOperationException("c5 is refused");
        """;
    const string Tier = """SetSegment("tier", SpendWithin(365) >= 1000m ? "gold" : "silver", "spend");""";

    static async Task<RunHarness> HarnessAsync(bool inWorkers, int workersPerRun = 1)
    {
        var h = new RunHarness(inWorkers: inWorkers);
        h.Options.WorkersPerRun = workersPerRun;
        h.Options.MaxErrorRatio = 0.5; // one failing customer of seven must not fail the run
        await h.AddRuleAsync("tier", Tier);
        await h.AddRuleAsync("graded", Graded);
        await h.AddCustomersAsync(("c1", [600m, 600m]), ("c2", [100m]), ("c3", []), ("c4", [2000m]), ("c5", [50m, 20m]), ("c6", [300m]), ("c7", [10m]));
        return h;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // pages evaluated by two workers at once, taken back in order
    public async Task A_run_in_a_worker_changes_and_logs_exactly_what_the_same_run_in_process_does(int workersPerRun)
    {
        await using var inProcess = await HarnessAsync(inWorkers: false);
        await using var inWorker = await HarnessAsync(inWorkers: true, workersPerRun);

        var results = new List<(Run Tier, Run Graded, RunHarness H)>();
        foreach (var h in new[] { inProcess, inWorker })
            results.Add((await h.RunAsync("tier"), await h.RunAsync("graded"), h));

        var (expected, actual) = (results[0], results[1]);
        Assert.True(actual.Graded.Status == RunStatus.Succeeded, string.Join("\n", inWorker.Db.Runs.Logs(actual.Graded.Id, new(20)).Items.Select(l => l.Message)));
        Assert.Equal(expected.Graded.Counts, actual.Graded.Counts);
        Assert.Equal(1, actual.Graded.Counts.Failed);
        foreach (var id in new[] { "c1", "c2", "c3", "c4", "c5", "c6", "c7" })
        {
            Assert.Equal(expected.H.Db.Segments.CurrentFor(id), actual.H.Db.Segments.CurrentFor(id));
            Assert.Equal(expected.H.Db.Points.EntriesFor(id).Select(e => (e.Key, e.Delta)), actual.H.Db.Points.EntriesFor(id).Select(e => (e.Key, e.Delta)));
            Assert.Equal(expected.H.Db.Scores.TagsFor(id).Select(t => t.Tag), actual.H.Db.Scores.TagsFor(id).Select(t => t.Tag));
        }
        Assert.Contains(actual.H.Db.Scores.TagsFor("c1"), t => t.Tag == "gold-graded");
        static IEnumerable<string> Lines(RunHarness h, Run run) =>
            h.Db.Runs.Logs(run.Id, new(200)).Items.Select(l => l.Message).Where(m => m.StartsWith('[') || m.StartsWith("Customer "));
        Assert.Equal(Lines(expected.H, expected.Graded), Lines(actual.H, actual.Graded));
        Assert.Contains(Lines(actual.H, actual.Graded), m => m.StartsWith("Customer c5 failed") && m.Contains("c5 is refused"));
        // graded's run took the workers tier's run had returned (swapping the version in), so no process started for it.
        Assert.Equal(workersPerRun, inWorker.Workers!.Idle);
        Assert.Equal((workersPerRun, 0L), inWorker.Workers.Counts);
    }

    [Fact]
    public async Task A_triggered_run_in_a_worker_reads_its_next_page_while_the_worker_evaluates_the_last()
    {
        // Under steady ingest a triggered batch's pages were a chain (read, evaluate in the worker, apply) with a third of
        // the machine idle; reading page N+1 before page N comes back cut the order-to-points latency by half or more.
        var steps = new List<string>();
        await using var h = new RunHarness(
            stream => new RecordingStream(stream, steps),
            outcomes => new RecordingOutcomes(outcomes, steps),
            inWorkers: true);
        h.Options.WorkersPerRun = 2; // a triggered batch keeps one lane whatever this says
        await h.AddRuleAsync("tier", Tier);
        await h.AddCustomersAsync(("c1", [600m, 600m]), ("c2", [100m]), ("c3", []), ("c4", [2000m]), ("c5", [50m]), ("c6", [300m]), ("c7", [10m]));

        var run = await h.Coordinator.RunInTriggerLaneAsync(new RunRequest
        {
            Rule = "tier", Trigger = RunTrigger.Event, TriggeredBy = "triggers", CustomerIds = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"],
        }, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(7, run.Counts.SegmentChanges);
        // Pages of 3: read 1, read 2 (while 1 is evaluated), apply 1, read 3, apply 2, apply 3.
        Assert.Equal(["read c1", "read c4", "apply c1", "read c7", "apply c4", "apply c7"], steps);
        Assert.Equal((1L, 0L), h.Workers!.Counts);
    }

    sealed class RecordingStream(ICustomerStream inner, List<string> steps) : ICustomerStream
    {
        public IEnumerable<IReadOnlyList<CustomerData>> ReadPages(int pageSize, string? afterId = null, bool withEvents = true) =>
            inner.ReadPages(pageSize, afterId, withEvents);

        public IReadOnlyList<CustomerData> Read(IReadOnlyCollection<string> customerIds, bool withEvents = true)
        {
            lock (steps) steps.Add($"read {customerIds.First()}");
            return inner.Read(customerIds, withEvents);
        }
    }

    sealed class RecordingOutcomes(IOutcomeWriter inner, List<string> steps) : IOutcomeWriter
    {
        public Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default) =>
            inner.ApplyAsync(batch, cancellationToken);

        public Task<OutcomeResult> ApplyAsync(OutcomeBatch batch, OutcomeMode mode, CancellationToken cancellationToken = default)
        {
            lock (steps) steps.Add($"apply {batch.Segments.Select(s => s.CustomerId).Min(StringComparer.Ordinal)}");
            return inner.ApplyAsync(batch, mode, cancellationToken);
        }
    }

    [Fact]
    public async Task A_stack_overflow_in_framework_code_fails_its_run_naming_the_page_and_the_next_run_gets_a_fresh_worker()
    {
        await using var h = await HarnessAsync(inWorkers: true);
        await h.AddRuleAsync("overflows", "object x = 0; for (var i = 0; i < 1_000_000; i++) x = (x, i); SetSegment(\"h\", x.GetHashCode().ToString(), \"hash\");");

        var crashed = await h.RunAsync("overflows");

        Assert.Equal(RunStatus.Failed, crashed.Status);
        Assert.True(crashed.Error?.Contains("stack overflow") == true, crashed.Error);
        Assert.Contains("customers c1..c3", crashed.Error); // the harness's pages are 3 customers
        Assert.Contains("rerun", crashed.Error);
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("tier")).Status);
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("graded")).Status);
        Assert.Equal((2L, 1L), h.Workers!.Counts); // overflows (died, never reused), tier's, which graded's run reused
    }

    [Fact]
    public async Task With_two_workers_a_page_that_kills_its_worker_fails_the_run_after_the_pages_before_it_and_drops_those_after()
    {
        await using var h = await HarnessAsync(inWorkers: true, workersPerRun: 2);
        // Only c4 (the second page of three: c1..c3, c4..c6, c7) overflows; every other customer is tagged.
        await h.AddRuleAsync("c4-overflows", "if (Customer.Id == \"c4\") { object x = 0; for (var i = 0; i < 1_000_000; i++) x = (x, i); x.GetHashCode(); } Tag(\"seen\", \"seen\");");

        var run = await h.RunAsync("c4-overflows");

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.True(run.Error?.Contains("stack overflow while evaluating customers c4..c6") == true, run.Error);
        Assert.Equal(["c1", "c2", "c3"], new[] { "c1", "c2", "c3", "c4", "c5", "c6", "c7" }.Where(id => h.Db.Scores.TagsFor(id).Any()));
        Assert.Equal(3, run.Progress.Processed);
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("tier")).Status);
    }

    [Fact]
    public async Task A_worker_killed_a_moment_ago_is_never_put_back_in_the_pool()
    {
        await using var h = await HarnessAsync(inWorkers: true);
        var worker = h.Workers!.Rent("some-version");

        worker.Kill("cancelled");                  // a cancelled run's kill, landing just after the page was answered:
        h.Workers.Return(worker, healthy: true);   // the page looked healthy, the process may not have exited yet

        Assert.Equal(0, h.Workers.Idle);
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("tier")).Status);
    }

    [Fact]
    public async Task A_framework_call_past_the_page_limit_is_killed_and_the_run_says_so()
    {
        await using var h = await HarnessAsync(inWorkers: true);
        h.Options.WorkerPageTimeout = TimeSpan.FromSeconds(2);
        // One framework call that never returns between two of the rule's statements: the in-process guards cannot stop it.
        await h.AddRuleAsync("endless-call", "var n = Enumerable.Repeat(1L, int.MaxValue).Concat(Enumerable.Repeat(1L, int.MaxValue)).Sum(); SetSegment(\"n\", n.ToString(), \"n\");");
        var clock = Stopwatch.StartNew();

        var stopped = await h.RunAsync("endless-call");

        Assert.Equal(RunStatus.Failed, stopped.Status);
        Assert.True(stopped.Error?.Contains("was stopped after 2 s on one page") == true, string.Join("\n", h.Db.Runs.Logs(stopped.Id, new(20)).Items.Select(l => l.Message)));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("tier")).Status);
    }

    [Fact]
    public async Task A_rule_allocating_past_the_ceiling_fails_its_customers_inside_the_worker()
    {
        await using var h = await HarnessAsync(inWorkers: true);
        h.Options.WorkerMemoryMb = 256;
        await h.AddRuleAsync("hoards", "var blocks = new List<byte[]>(); for (var i = 0; i < 64; i++) blocks.Add(new byte[64 * 1024 * 1024]); SetSegment(\"m\", blocks.Count.ToString(), \"m\");");
        var before = Environment.WorkingSet;

        var run = await h.RunAsync("hoards");

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(7, run.Counts.Failed);
        Assert.Contains(h.Db.Runs.Logs(run.Id, new(100)).Items, l => l.Message.Contains("OutOfMemory") || l.Message.Contains("out of memory") || l.Message.Contains("killed"));
        Assert.InRange(Environment.WorkingSet - before, long.MinValue, 512L * 1024 * 1024); // the 4 GB were never the test host's
        // A worker whose rule ran out of memory is retired, not handed to the next run (which once got an
        // OutOfMemoryException at its first allocation in it): tier's run starts a fresh one.
        Assert.Equal(0, h.Workers!.Idle);
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("tier")).Status);
        Assert.Equal((2L, 1L), h.Workers.Counts);
    }

    [Fact]
    public async Task A_run_whose_worker_was_killed_is_completed_by_a_rerun_with_nothing_applied_twice()
    {
        await using var h = await HarnessAsync(inWorkers: true, workersPerRun: 2);
        h.Options.WorkerPageTimeout = TimeSpan.FromSeconds(2);
        h.Options.CustomerTimeout = TimeSpan.FromMinutes(1);
        // c4's page needs one long framework call (several seconds): past the page limit, within a raised one.
        await h.AddRuleAsync("slow-on-c4", """
            if (Customer.Id == "c4") { var n = Enumerable.Repeat(1L, 1_500_000_000).Sum(); }
            foreach (var order in PaidOrdersWithin(365)) AwardPoints((long)order.Amount / 10, $"order:{order.Id}", "spent");
            """, kind: "reward");

        var first = await h.RunAsync("slow-on-c4");
        Assert.Equal(RunStatus.Failed, first.Status);
        Assert.True(first.Error?.Contains("was stopped after 2 s on one page while evaluating customers c4..c6") == true, first.Error);
        var paidBefore = h.Db.Points.EntriesFor("c1").Count;
        Assert.True(paidBefore > 0, "the page before the killed one stays applied");

        h.Options.WorkerPageTimeout = TimeSpan.FromMinutes(1); // ops raise the limit, then rerun
        var rerun = await h.Coordinator.RerunAsync(first.Id, "ops");
        rerun = (await h.Coordinator.ExecuteAsync(rerun.Id, CancellationToken.None))!;

        Assert.Equal(RunStatus.Succeeded, rerun.Status);
        Assert.Equal(paidBefore, h.Db.Points.EntriesFor("c1").Count);
        Assert.All(new[] { "c1", "c4", "c6", "c7" }, id => Assert.Equal(
            h.Db.Points.EntriesFor(id).Select(e => e.Key).Distinct().Count(), h.Db.Points.EntriesFor(id).Count));
        Assert.NotEmpty(h.Db.Points.EntriesFor("c4"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_past_its_time_limit_fails_saying_so(bool inWorkers)
    {
        await using var h = await HarnessAsync(inWorkers);
        h.Options.CustomerTimeout = TimeSpan.FromMinutes(5);
        h.Options.RunTimeout = TimeSpan.FromSeconds(1);
        await h.AddRuleAsync("endless", "while (true) { }");
        var clock = Stopwatch.StartNew();

        var run = await h.RunAsync("endless");

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.True(run.Error?.Contains("ran past its time limit") == true, run.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        h.Options.RunTimeout = null;
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("tier")).Status);
    }

    [Fact]
    public async Task Cancelling_a_run_ends_its_worker_and_the_run_is_cancelled()
    {
        await using var h = await HarnessAsync(inWorkers: true);
        h.Options.CustomerTimeout = TimeSpan.FromMinutes(5);
        await h.AddRuleAsync("endless", "while (true) { }");
        var run = await h.Coordinator.TriggerAsync(new RunRequest { Rule = "endless", TriggeredBy = "test" });
        var execution = h.Coordinator.ExecuteAsync(run.Id, CancellationToken.None);
        while (h.Db.Runs.Find(run.Id)!.Status != RunStatus.Running) await Task.Delay(20);
        await Task.Delay(300);

        Assert.True(await h.Coordinator.CancelAsync(run.Id, "ops"));

        Assert.Equal(RunStatus.Cancelled, (await execution)!.Status);
        Assert.Equal(RunStatus.Succeeded, (await h.RunAsync("tier")).Status);
    }

    [Fact]
    public async Task A_preview_in_workers_finds_the_same_differences_and_a_crashing_draft_fails_only_the_preview()
    {
        const string Draft = """SetSegment("tier", SpendWithin(365) >= 200m ? "gold" : "silver", "spend, lower bar");""";
        var impacts = new List<RuleEngine.Runs.Preview.PreviewImpact>();
        foreach (var inWorkers in new[] { false, true })
        {
            await using var h = await HarnessAsync(inWorkers);
            impacts.Add((await PreviewAsync(h, Draft)).Comparison!);
        }
        Assert.Equal(impacts[0].Moves, impacts[1].Moves);
        Assert.Equal(impacts[0].CustomersDiffering, impacts[1].CustomersDiffering);
        Assert.True(impacts[1].CustomersDiffering > 0);

        await using var workers = await HarnessAsync(inWorkers: true);
        var crashed = await PreviewAsync(workers, "object x = 0; for (var i = 0; i < 1_000_000; i++) x = (x, i); SetSegment(\"tier\", x.GetHashCode().ToString(), \"h\");");
        Assert.Equal(RunStatus.Failed, crashed.Status);
        Assert.True(crashed.Error?.Contains("stack overflow") == true && crashed.Error.Contains("version "), crashed.Error);
        Assert.Equal(RunStatus.Succeeded, (await workers.RunAsync("tier")).Status);
    }

    static async Task<Run> PreviewAsync(RunHarness h, string draftText)
    {
        var live = h.Catalog.Find("tier")!.Active!;
        var draft = h.Catalog.LoadDraft("tier", h.Catalog.Validate("// kind: segmentation\n" + draftText, "tier"));
        var run = new Run
        {
            Id = Guid.NewGuid().ToString("N"), Rule = "tier", Trigger = RunTrigger.Manual, TriggeredBy = "analyst", DryRun = true,
            AsOf = RunHarness.Now, Status = RunStatus.Pending, CreatedAt = RunHarness.Now,
        };
        try
        {
            return await h.Runner.ExecuteAsync(run, live, CancellationToken.None, draft);
        }
        finally
        {
            draft.Rule.Unload();
        }
    }
}
