using RuleEngine.Reliability.Crash;
using RuleEngine.Server.Tests.TestHost;
using Xunit.Abstractions;

namespace RuleEngine.Server.Tests.Data;

/// <summary>
/// The crash campaign of tests/RuleEngine.Reliability in small (two kills, a few hundred customers), so that every
/// build proves it: SIGKILL during a points run, a tasks run and an ingest stream; after each restart the runs are
/// interrupted, their reruns succeed, nothing is duplicated, no acknowledged order is lost, and the ledgers equal a
/// clean run's. The long campaign (20 kills) is <c>dotnet run -c Release --project tests/RuleEngine.Reliability -- crash</c>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashCampaignTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kills_during_runs_and_ingest_lose_nothing_and_duplicate_nothing()
    {
        // Pages of 10 and 1,000 customers: a hundred progress steps per run, so that the kill lands inside a run. With 300
        // customers (thirty steps) the runs got fast enough to finish before the first poll, and both kills of a CI run
        // found them done (the campaign passed, but proved nothing about a kill mid-run).
        var settings = new CrashSettings(ServerProcess.ServerDllOfThisBuild(), Cycles: 2, Customers: 1_000, OrdersPerBatch: 500, PageSize: 10,
            StartTimeout: TimeSpan.FromSeconds(60), RunTimeout: TimeSpan.FromSeconds(60), RandomSeed: 7);
        var log = new StringWriter();

        var result = await new CrashCampaign(settings, log).RunAsync();

        var summary = CrashReport.Summary(result, settings);
        output.WriteLine(log.ToString());
        output.WriteLine(summary);
        Assert.True(result.Passed, summary);
        Assert.Contains(result.Cycles, cycle => cycle.KilledMidRun);
    }
}
