using RuleEngine.Console;
using RuleEngine.Server;
using RuleEngine.Server.Audit;
using RuleEngine.Server.Benefits;
using RuleEngine.Server.Data;
using RuleEngine.Server.Editing;
using RuleEngine.Server.Logging;
using RuleEngine.Server.Preview;
using RuleEngine.Server.Rules;
using RuleEngine.Server.Runs;
using RuleEngine.Server.Triggers;
using Serilog;

Log.Logger = BootstrapLogger.Create();
try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddRuleEnginePlatform();
    builder.AddRuleEngine();
    builder.AddConsole();

    var app = builder.Build();

    app.UseRuleEnginePlatform();
    app.MapRuleEnginePlatform();
    app.MapRules();
    app.MapEditing();
    app.MapRuns();
    app.MapPreview();
    app.MapTriggers();
    app.MapIngest();
    app.MapCustomers();
    app.MapSegments();
    app.MapPoints();
    app.MapFollowUps();
    app.MapAudit();
    app.MapBenefits();
    app.MapConsole(); // the web console at /, a client of the API above (src/RuleEngine.Console)

    app.Run();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "RuleEngine failed to start or stopped unexpectedly");
    throw; // a non-zero exit code for the service manager, and the exception for WebApplicationFactory
}
finally
{
    Log.CloseAndFlush();
}

/// <summary>Entry point; public so that integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
