using RuleEngine.Domain.Outcomes;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Tests.Runs;

/// <summary>
/// A page's outcomes are written while the next page is evaluated; whatever ends the run, every page whose outcomes
/// were written is recorded and counted, and none beyond.
/// </summary>
public class RunPageWritesTests : IAsyncLifetime
{
    readonly RunHarness _h = new(outcomes: writer => new FailingOnPage(writer, page: 2));

    public async Task InitializeAsync()
    {
        await _h.AddRuleAsync("tier", """SetSegment("tier", SpendWithin(365) >= 1000m ? "gold" : "silver", "spend");""");
        await _h.AddCustomersAsync(("c1", [2000m]), ("c2", [10m]), ("c3", []), ("c4", [5000m]), ("c5", []), ("c6", []), ("c7", []));
    }

    [Fact]
    public async Task A_failed_page_write_fails_the_run_after_the_page_before_is_recorded_and_counted()
    {
        var run = await _h.RunAsync("tier");

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("disk full", run.Error);
        Assert.Equal(3, run.Progress.Processed);
        Assert.Equal(3, run.Counts.SegmentChanges);
        Assert.Equal(["c1", "c2", "c3"], _h.Db.Runs.Outcomes(run.Id, new(100)).Items.Select(o => o.CustomerId));
        Assert.Equal("gold", _h.Db.Segments.CurrentFor("c1")["tier"]);
        Assert.Empty(_h.Db.Segments.CurrentFor("c4"));
        Assert.Empty(_h.Db.Segments.CurrentFor("c7"));
        Assert.Equal((RunStatus.Failed, run.Progress, run.Counts), _h.Db.Runs.Find(run.Id) is { } stored ? (stored.Status, stored.Progress, stored.Counts) : default);
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    /// <summary>The real writer, except that the given page's batch fails as a full disk would.</summary>
    sealed class FailingOnPage(IOutcomeWriter inner, int page) : IOutcomeWriter
    {
        int _calls;

        public Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default) =>
            inner.ApplyAsync(batch, cancellationToken);

        public Task<OutcomeResult> ApplyAsync(OutcomeBatch batch, OutcomeMode mode, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == page
                ? Task.FromException<OutcomeResult>(new IOException("disk full"))
                : inner.ApplyAsync(batch, mode, cancellationToken);
    }
}
