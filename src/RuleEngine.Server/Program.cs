using RuleEngine.Server;
using RuleEngine.Server.Logging;
using RuleEngine.Server.Rules;
using Serilog;

Log.Logger = BootstrapLogger.Create();
try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddRuleEnginePlatform();
    builder.AddRuleEngine();

    var app = builder.Build();

    app.UseRuleEnginePlatform();
    app.MapRuleEnginePlatform();
    app.MapRules();

    app.Run();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "RuleEngine failed to start or stopped unexpectedly");
    return 1;
}
finally
{
    Log.CloseAndFlush();
}

/// <summary>Entry point; public so that integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
