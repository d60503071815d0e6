using RuleEngine.Domain;
using RuleEngine.Runs;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Runs;

/// <summary>A run reads customers' events only when its rule can read them, and a rule that reads them gets them all.</summary>
public class RunEventReadsTests : IAsyncLifetime
{
    readonly List<bool> _asked = [];
    readonly RunHarness _h;

    public RunEventReadsTests() => _h = new RunHarness(stream => new WatchedStream(stream, _asked));

    public async Task InitializeAsync()
    {
        await _h.AddCustomersAsync(("c1", [100m]), ("c2", []), ("c3", [50m]), ("c4", []), ("c5", []));
        await _h.Db.Events.UpsertAsync(
        [
            Some.Event("e1", "c1", at: RunHarness.Now.AddDays(-1)), Some.Event("e2", "c1", at: RunHarness.Now.AddDays(-2)),
            Some.Event("e3", "c4", EventTypes.Visit, RunHarness.Now.AddDays(-3)),
        ]);
    }

    [Fact]
    public async Task A_rule_that_reads_events_gets_every_customers_events()
    {
        await _h.AddRuleAsync("activity", """
            var signIns = EventsOfType(EventTypes.SignIn).Count();
            SetSegment("activity", Events.Count == 0 ? "none" : $"{Events.Count} events, {signIns} sign-ins", "events");
            """);

        var run = await _h.RunAsync("activity");

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.All(_asked, withEvents => Assert.True(withEvents));
        Assert.Equal("2 events, 2 sign-ins", _h.Db.Segments.CurrentFor("c1")["activity"]);
        Assert.Equal("1 events, 0 sign-ins", _h.Db.Segments.CurrentFor("c4")["activity"]);
        Assert.Equal("none", _h.Db.Segments.CurrentFor("c2")["activity"]);
    }

    [Fact]
    public async Task A_rule_over_orders_only_never_has_events_read()
    {
        await _h.AddRuleAsync("buyer", """SetSegment("buyer", Orders.Count > 0 ? "yes" : "no", "orders");""");

        var all = await _h.RunAsync("buyer");
        var chosen = await _h.RunAsync("buyer", customerIds: ["c1", "c4"]);

        Assert.Equal((RunStatus.Succeeded, RunStatus.Succeeded), (all.Status, chosen.Status));
        Assert.NotEmpty(_asked);
        Assert.All(_asked, withEvents => Assert.False(withEvents));
        Assert.Equal("yes", _h.Db.Segments.CurrentFor("c1")["buyer"]);
        Assert.Equal("no", _h.Db.Segments.CurrentFor("c4")["buyer"]);
    }

    [Fact]
    public async Task Population_statistics_never_read_events_even_for_a_rule_that_does()
    {
        await _h.AddRuleAsync("relative", """
            var top = (decimal)Population.Spend(365).Quantile(0.8);
            SetSegment("relative", SpendWithin(365) >= top && Events.Count > 0 ? "top-active" : "other", "population");
            """);

        var run = await _h.RunAsync("relative");

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains(true, _asked);
        Assert.Contains(false, _asked);
        Assert.Equal("top-active", _h.Db.Segments.CurrentFor("c1")["relative"]);
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    /// <summary>The real stream, noting for every read whether events were asked for.</summary>
    sealed class WatchedStream(ICustomerStream inner, List<bool> asked) : ICustomerStream
    {
        public IEnumerable<IReadOnlyList<CustomerData>> ReadPages(int pageSize, string? afterId = null, bool withEvents = true)
        {
            lock (asked) asked.Add(withEvents);
            return inner.ReadPages(pageSize, afterId, withEvents);
        }

        public IReadOnlyList<CustomerData> Read(IReadOnlyCollection<string> customerIds, bool withEvents = true)
        {
            lock (asked) asked.Add(withEvents);
            return inner.Read(customerIds, withEvents);
        }
    }
}
