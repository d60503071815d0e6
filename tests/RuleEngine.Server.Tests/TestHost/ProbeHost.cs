using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>
/// The platform (logging, errors, keys, limits, operations) exactly as Program wires it, plus endpoints a
/// test maps itself: for behaviour no real endpoint exercises yet, such as JSON binding errors or rate limits.
/// </summary>
public sealed class ProbeHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string root;

    private ProbeHost(WebApplication app, string root)
    {
        this.app = app;
        this.root = root;
    }

    /// <param name="kestrel">Serve on a real loopback port instead of the in-memory test server, for server limits.</param>
    public static async Task<ProbeHost> StartAsync(Action<WebApplication> mapEndpoints, IDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var root = Path.Combine(Path.GetTempPath(), "ruleengine-tests", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (kestrel) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else builder.WebHost.UseTestServer();
        var configuration = new Dictionary<string, string?> { ["RuleEngine:DataPath"] = Path.Combine(root, "data") };
        for (var i = 0; i < TestKeys.Roles.Length; i++)
        {
            configuration[$"RuleEngine:ApiKeys:{i}:Name"] = $"test-{TestKeys.Roles[i]}";
            configuration[$"RuleEngine:ApiKeys:{i}:Role"] = TestKeys.Roles[i];
            configuration[$"RuleEngine:ApiKeys:{i}:Key"] = TestKeys.For(TestKeys.Roles[i]);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);

        builder.AddRuleEnginePlatform();
        var app = builder.Build();
        app.UseRuleEnginePlatform();
        app.MapRuleEnginePlatform();
        mapEndpoints(app);
        await app.StartAsync();
        return new ProbeHost(app, root);
    }

    public HttpClient CreateClient(string? role)
    {
        var client = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>() is TestServer
            ? app.GetTestClient()
            : new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        if (role is not null) client.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.For(role));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
