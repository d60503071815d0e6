using RuleEngine.Reliability.Load;
using RuleEngine.Server.Tests.TestHost;
using Xunit.Abstractions;

namespace RuleEngine.Server.Tests.Reliability;

/// <summary>
/// The load test of tests/RuleEngine.Reliability in small (4 clients, 15 s, 2,000 customers), so that every build proves
/// the mixed traffic gets no 5xx, no transport error, no refused valid request, and that every dry run started under
/// load succeeds. Memory is judged only by the long run (<c>load 60</c> after a minute's warm-up): 15 s of a fresh
/// Debug process is mostly JIT and cache filling.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LoadSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mixed_traffic_gets_no_errors_and_every_dry_run_succeeds()
    {
        var settings = new LoadSettings(ServerProcess.ServerDllOfThisBuild(), Duration: TimeSpan.FromSeconds(15), Clients: 4, Customers: 2_000)
        {
            WarmUp = TimeSpan.FromSeconds(5),
        };
        var log = new StringWriter();

        var report = await new LoadTest(settings, log).RunAsync();

        output.WriteLine(log.ToString());
        output.WriteLine(report.Markdown());
        Assert.True(report.NoErrors, report.Markdown());
        Assert.True(report.Endpoints.Sum(e => e.Requests) > 50, "too few requests to mean anything");
    }
}
