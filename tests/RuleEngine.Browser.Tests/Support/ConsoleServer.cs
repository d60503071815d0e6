using System.Net.Http.Json;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Browser.Tests.Support;

/// <summary>
/// The real server (this build) as a child process on a free loopback port, over a temp data folder with a small
/// demo data set and a copy of the repository's rules (saves write files). One per test class: starting it and the
/// browser is most of a browser test's cost.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    public const string AnalystKey = "browser-analyst-key";
    public const string AuditorKey = "browser-auditor-key";
    public const string OpsKey = ServerProcess.OpsKey;
    public const string AdminKey = ServerProcess.AdminKey;

    private readonly string root = Path.Combine(Path.GetTempPath(), "ruleengine-browser", Guid.NewGuid().ToString("N"));
    private ServerProcess? server;
    private Dictionary<string, string> settings = [];

    public Uri BaseAddress => server!.BaseAddress;
    public string RulesPath => Path.Combine(root, "rules");
    public string DataPath => Path.Combine(root, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "data"));
        Repository.CopyFolder(Path.Combine(Repository.Root, "rules"), RulesPath);
        TestRules.WriteInto(RulesPath);
        settings = new Dictionary<string, string>
            {
                ["RuleEngine__RulesPath"] = RulesPath,
                // Pages of 50: a run over the 300 demo customers moves its progress bar in steps a test can watch.
                ["RuleEngine__Runs__PageSize"] = "50",
                ["RuleEngine__SeedDemoData"] = "true",
                ["RuleEngine__Demo__Customers"] = "300",
                ["RuleEngine__ApiKeys__2__Name"] = "ana",
                ["RuleEngine__ApiKeys__2__Role"] = "analyst",
                ["RuleEngine__ApiKeys__2__Key"] = AnalystKey,
                ["RuleEngine__ApiKeys__3__Name"] = "audrey",
                ["RuleEngine__ApiKeys__3__Role"] = "auditor",
                ["RuleEngine__ApiKeys__3__Key"] = AuditorKey,
            };
        await StartAsync();
    }

    private async Task StartAsync()
    {
        server = await ServerProcess.StartAsync(ServerProcess.ServerDllOfThisBuild(), DataPath, TimeSpan.FromSeconds(90), settings);
        await WaitForRulesAsync();
    }

    /// <summary>
    /// Kills the server (as a crash would), lets <paramref name="whileStopped"/> change its data folder as someone with
    /// access to the file could, and starts it again on the same data, on a new port (see <see cref="BaseAddress"/>).
    /// </summary>
    public async Task RestartAsync(Action<string> whileStopped)
    {
        server!.Dispose();
        whileStopped(DataPath);
        await StartAsync();
    }

    public HttpClient Client(string apiKey) => server!.CreateClient(apiKey);

    /// <summary>
    /// The server answers before it has loaded every rule (each version's given/expect tests run in a rule worker first);
    /// the pages should show them all, so wait until every rule file of the folder is listed.
    /// </summary>
    private async Task WaitForRulesAsync()
    {
        var files = Directory.EnumerateFiles(RulesPath, "*.csx", SearchOption.AllDirectories)
            .Count(f => !f.Contains($"{Path.DirectorySeparatorChar}_shared{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        using var client = Client(AdminKey);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var rules = await client.GetFromJsonAsync<List<Dictionary<string, object?>>>("/api/rules");
            if (rules is not null && rules.Count >= files) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server listed fewer than the {files} rules of {RulesPath} after 90 s.");
    }

    public Task DisposeAsync()
    {
        server?.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
