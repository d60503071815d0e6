using RuleEngine.Reliability.Serving;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// The demo data seeded into <c>data</c>, the real server started on it with the library rules, ready and with its
/// first rule active, and an admin client: what every load scenario starts from.
/// </summary>
public sealed class LoadServer(ServerProcess server, HttpClient http) : IDisposable
{
    public ServerProcess Server => server;
    public HttpClient Http => http;

    public static async Task<LoadServer> StartAsync(LoadSettings settings, string data, TextWriter log)
    {
        var seeded = DemoSeed.Write(data, settings.Customers);
        log.WriteLine($"Seeded {seeded.Customers:N0} customers, {seeded.Orders:N0} orders, {seeded.Events:N0} events");
        var serverSettings = new Dictionary<string, string>
        {
            ["RuleEngine__RulesPath"] = RepositoryPaths.Rules,
            // The load is one script's worth of writes many times over; the limiter would answer 429 and measure itself.
            ["RuleEngine__Limits__WritesPerWindow"] = "1000000",
        };
        foreach (var (name, value) in settings.ServerSettings) serverSettings[name] = value;
        var server = await ServerProcess.StartAsync(settings.ServerDll, data, TimeSpan.FromMinutes(2), serverSettings);
        var http = server.CreateClient(ServerProcess.AdminKey);
        http.Timeout = settings.RequestTimeout;
        var started = new LoadServer(server, http);
        try
        {
            await http.ReadyAsync(TimeSpan.FromMinutes(2));
            await http.RuleActiveAsync("purchase-points", TimeSpan.FromMinutes(2));
            return started;
        }
        catch
        {
            started.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
    }
}
