using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RuleEngine.Server.Tests.TestHost;
using Serilog.Context;

namespace RuleEngine.Server.Tests.Logging;

/// <summary>Logs customer data through the server's configured pipeline and reads back the log file it wrote.</summary>
public class RedactionTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    private static readonly string[] PersonalValues =
        ["li.wei@example.cn", "+86 138 0013 8000", "Wang Fang", "wang.fang@example.com", "13800138000", "1990-05-17",
         "zhang.san@example.org", "139-1234-5678", "Chen Jie", "1985-02-03"];

    [Fact]
    public void Personal_data_never_reaches_the_log_file()
    {
        using var client = factory.CreateClient("analyst");
        var logger = factory.Services.GetRequiredService<ILogger<RedactionTests>>();
        var marker = Guid.NewGuid().ToString("N");

        logger.LogInformation("Imported customer {CustomerId} ({Marker}) with {Email} and {Phone}", "c-1", marker, "li.wei@example.cn", "+86 138 0013 8000");
        logger.LogInformation("Profile {@Customer}", new
        {
            Id = "c-2", Name = "Wang Fang", Email = "wang.fang@example.com", Phone = "13800138000", Birthday = new DateOnly(1990, 5, 17),
            Attributes = new Dictionary<string, string> { ["contactName"] = "Chen Jie", ["note"] = "call 139-1234-5678" },
        });
#pragma warning disable CA2254 // deliberately a careless interpolated message
        logger.LogWarning($"Follow-up for zhang.san@example.org failed, call 139-1234-5678 instead");
#pragma warning restore CA2254
        logger.LogError(new InvalidOperationException("duplicate key: li.wei@example.cn"), "Upsert failed for {CustomerId}", "c-1");
        using (logger.BeginScope(new Dictionary<string, object> { ["CustomerBirthday"] = "1985-02-03" }))
            logger.LogInformation("Scoped line for {CustomerId}", "c-3");

        var log = LogFiles.Read(factory);
        Assert.Contains(marker, log);
        Assert.Contains("c-2", log);
        Assert.Contains("Upsert failed", log);
        foreach (var value in PersonalValues) Assert.DoesNotContain(value, log);
    }

    [Fact]
    public void Run_id_and_rule_name_pushed_by_the_run_engine_are_on_every_line_written_during_the_run()
    {
        using var client = factory.CreateClient(null);
        var logger = factory.Services.GetRequiredService<ILogger<RedactionTests>>();
        var runId = "run-" + Guid.NewGuid().ToString("N");

        using (LogContext.PushProperty("RunId", runId))
        using (LogContext.PushProperty("RuleName", "vip-grading"))
            logger.LogInformation("Evaluated {Count} customers", 3);

        var line = LogFiles.Read(factory).Split('\n').Single(l => l.Contains(runId));
        Assert.Contains("\"RuleName\":\"vip-grading\"", line);
        Assert.Contains("\"Count\":3", line);
    }
}
