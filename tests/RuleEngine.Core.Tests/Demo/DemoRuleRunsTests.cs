using Microsoft.Extensions.Logging;
using RuleEngine.Demo;
using RuleEngine.Tests.Runs;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Demo;

/// <summary>The demo's first runs are a first look at the data: storage failing under them is logged, never the end of the server.</summary>
public class DemoRuleRunsTests
{
    [Fact]
    public async Task Storage_failing_under_the_first_runs_is_logged_and_the_service_ends_quietly()
    {
        var h = new RunHarness();
        await h.AddRuleAsync("tier", """SetSegment("tier", "silver", "all");""");
        var log = new RecordingLogger<DemoRuleRuns>();
        var service = new DemoRuleRuns(new DemoSeedStatus { SeededThisStart = true }, h.Catalog, h.Coordinator, h.Db.Runs, log);
        await h.Db.DisposeAsync(); // the storage goes away (on PostgreSQL: a restart) as the runs are triggered

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!; // an exception escaping here stops the host (BackgroundServiceExceptionBehavior.StopHost)

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("first runs over the demo data stopped"));
    }
}
