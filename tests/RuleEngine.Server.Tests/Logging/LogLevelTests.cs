using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Logging;

public class LogLevelTests
{
    [Fact]
    public async Task Serilog_minimum_levels_come_from_configuration()
    {
        await using var factory = new QuietFactory();
        using var client = factory.CreateClient(null);
        var logger = factory.Services.GetRequiredService<ILogger<LogLevelTests>>();

        logger.LogInformation("information {Marker}", "kept-out");
        logger.LogWarning("warning {Marker}", "let-through");

        var log = LogFiles.Read(factory);
        Assert.Contains("let-through", log);
        Assert.DoesNotContain("kept-out", log);
    }

    private sealed class QuietFactory : RuleEngineAppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Override:RuleEngine.Server.Tests"] = "Warning",
        };
    }
}
