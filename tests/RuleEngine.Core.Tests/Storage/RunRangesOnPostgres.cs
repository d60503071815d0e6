using RuleEngine.Cluster;
using RuleEngine.Runs;
using RuleEngine.Storage;
using RuleEngine.Storage.Postgres;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>The ranges a split run is worked in, as the nodes of a cluster share them (PostgreSQL only: LiteDB never splits).</summary>
[Trait("Backend", "postgres")]
public sealed class RunRangesOnPostgres : IAsyncLifetime
{
    readonly TempPostgres _db = new();
    IRunRanges _ranges = null!;

    static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public async Task InitializeAsync()
    {
        _ranges = new PostgresRunRanges(_db.Database);
        await _db.Customers.UpsertAsync(Enumerable.Range(1, 25).Select(i => Some.Customer($"c{i:D2}")).ToList());
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_run_is_split_once_into_ranges_that_cover_every_customer_once()
    {
        var ranges = await _ranges.SplitAsync("run-1", 10, default);
        var again = await _ranges.SplitAsync("run-1", 3, default);

        Assert.Equal([(null, "c10", 10L), ("c10", "c20", 10L), ("c20", null, 5L)], ranges.Select(r => (r.FromId, r.ToId, r.Customers)));
        Assert.Equal(ranges, again);
        Assert.All(ranges, r => Assert.Equal(RangeStatus.Pending, r.Status));
    }

    [Fact]
    public async Task Nodes_claiming_at_once_take_different_ranges_and_none_once_all_are_held()
    {
        await _ranges.SplitAsync("run-1", 5, default);

        var claims = await Task.WhenAll(Enumerable.Range(1, 8).Select(n => Task.Run(() => _ranges.ClaimAsync($"node{n}", Lease, default))));

        var held = claims.OfType<RunRange>().ToList();
        Assert.Equal([0, 1, 2, 3, 4], held.Select(r => r.Seq).Order());
        Assert.Equal(3, claims.Count(c => c is null));
        Assert.All(held, r => Assert.Equal((RangeStatus.Running, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task A_range_whose_lease_passed_is_claimed_again_and_resumes_after_its_checkpoint_and_the_old_holder_is_refused()
    {
        await _ranges.SplitAsync("run-1", 25, default);
        var first = (await _ranges.ClaimAsync("node1", TimeSpan.FromMilliseconds(300), default))!;
        Assert.True(await _ranges.SaveProgressAsync(first, "node1", TimeSpan.FromMilliseconds(300), "c10", 10, new RunCounts { Evaluated = 10 }, default));
        Assert.Null(await _ranges.ClaimAsync("node2", Lease, default)); // still node1's

        await Task.Delay(600);
        var second = (await _ranges.ClaimAsync("node2", Lease, default))!;

        Assert.Equal(("node2", 2, "c10", 10L, 10L), (second.Node, second.Attempts, second.ResumeAfter, second.Processed, second.Counts.Evaluated));
        Assert.False(await _ranges.SaveProgressAsync(first, "node1", Lease, "c12", 12, new RunCounts(), default));
        Assert.False(await _ranges.FinishAsync(first, "node1", RangeStatus.Done, 25, new RunCounts(), null, default));
        Assert.True(await _ranges.FinishAsync(second, "node2", RangeStatus.Done, 25, new RunCounts { Evaluated = 25 }, null, default));
        Assert.Equal((RangeStatus.Done, 25L), (Assert.Single(_ranges.OfRun("run-1")).Status, _ranges.OfRun("run-1")[0].Counts.Evaluated));
    }

    [Fact]
    public async Task Renewing_a_lease_keeps_the_progress_saved_and_a_range_taken_over_resumes_with_its_count()
    {
        await _ranges.SplitAsync("run-1", 25, default);
        var first = (await _ranges.ClaimAsync("node1", TimeSpan.FromMilliseconds(300), default))!;
        Assert.True(await _ranges.SaveProgressAsync(first, "node1", TimeSpan.FromMilliseconds(300), "c10", 10, new RunCounts { Evaluated = 10 }, default));

        // The holder's lease timer fires after that save: it renews the lease only.
        Assert.True(await _ranges.RenewAsync(first, "node1", TimeSpan.FromMilliseconds(300), default));
        Assert.Equal(("c10", 10L, 10L), (_ranges.OfRun("run-1")[0].ResumeAfter, _ranges.OfRun("run-1")[0].Processed, _ranges.OfRun("run-1")[0].Counts.Evaluated));
        Assert.Null(await _ranges.ClaimAsync("node2", Lease, default)); // renewed: still node1's

        await Task.Delay(600);
        var second = (await _ranges.ClaimAsync("node2", Lease, default))!;
        Assert.Equal(("c10", 10L), (second.ResumeAfter, second.Processed));
        Assert.False(await _ranges.RenewAsync(first, "node1", Lease, default));
    }

    [Fact]
    public async Task Cancelling_a_run_closes_its_open_ranges_and_their_holders_hear_it_at_their_next_save()
    {
        await _ranges.SplitAsync("run-1", 10, default);
        var held = (await _ranges.ClaimAsync("node1", Lease, default))!;

        await _ranges.CancelAsync("run-1", default);

        Assert.All(_ranges.OfRun("run-1"), r => Assert.Equal(RangeStatus.Cancelled, r.Status));
        Assert.False(await _ranges.SaveProgressAsync(held, "node1", Lease, "c05", 5, new RunCounts(), default));
        Assert.Null(await _ranges.ClaimAsync("node2", Lease, default));
    }

    [Fact]
    public async Task Split_runs_still_running_are_found_and_nodes_heartbeats_are_listed()
    {
        await _db.Runs.SaveAsync(new Run { Id = "run-1", Rule = "grade", Trigger = RunTrigger.Manual, TriggeredBy = "ops", AsOf = Some.Time, Status = RunStatus.Running, CreatedAt = Some.Time });
        await _ranges.SplitAsync("run-1", 10, default);
        await _ranges.HeartbeatAsync(new ClusterNodeState("node1", "host-a", 11, Some.Time, Some.Time), default);
        await _ranges.HeartbeatAsync(new ClusterNodeState("node2", "host-b", 12, Some.Time, Some.Time), default);
        await _ranges.HeartbeatAsync(new ClusterNodeState("node1", "host-a", 11, Some.Time, Some.Time), default);

        Assert.Equal(["run-1"], _ranges.RunsWithRanges(RunStatus.Running));
        Assert.Empty(_ranges.RunsWithRanges(RunStatus.Succeeded));
        Assert.Equal(["node1", "node2"], _ranges.Nodes(TimeSpan.FromMinutes(1)).Select(n => n.Id).Order());
        Assert.Equal(3, _ranges.OpenRanges().Count);
    }
}
