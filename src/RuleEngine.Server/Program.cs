using RuleEngine.Server;
using RuleEngine.Server.Data;
using RuleEngine.Server.Rules;

var builder = WebApplication.CreateBuilder(args);

builder.AddRuleEngine();

var app = builder.Build();

app.MapRules();
app.MapIngest();
app.MapCustomers();
app.MapSegments();
app.MapFollowUps();

app.Run();

/// <summary>Entry point; public so that integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
