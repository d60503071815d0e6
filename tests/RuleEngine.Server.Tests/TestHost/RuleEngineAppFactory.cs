using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>
/// The real server over a real LiteDB file in a fresh temp folder, with one API key per role.
/// One factory per test class (or per test when a test needs a pristine database).
/// </summary>
public class RuleEngineAppFactory : WebApplicationFactory<Program>
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ruleengine-tests", Guid.NewGuid().ToString("N"));
    public string DataPath => Path.Combine(Root, "data");
    public string RulesPath => Path.Combine(Root, "rules");

    public RuleEngineAppFactory()
    {
        Directory.CreateDirectory(DataPath);
        Directory.CreateDirectory(RulesPath);
    }

    /// <summary>Extra configuration a test class needs (key → value), applied after the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("RuleEngine:DataPath", DataPath);
        builder.UseSetting("RuleEngine:RulesPath", RulesPath);
        builder.UseSetting("RuleEngine:SeedDemoData", "false");
        builder.UseSetting("RuleEngine:Editing:WarmUp", "false"); // ~1.5 s of CPU per test server; EditingApiTests pay it once
        var index = 0;
        foreach (var role in TestKeys.Roles)
        {
            builder.UseSetting($"RuleEngine:ApiKeys:{index}:Name", $"test-{role}");
            builder.UseSetting($"RuleEngine:ApiKeys:{index}:Role", role);
            builder.UseSetting($"RuleEngine:ApiKeys:{index}:Key", TestKeys.For(role));
            index++;
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A client that sends the API key of <paramref name="role"/> (or no key when null).</summary>
    public HttpClient CreateClient(string? role)
    {
        var client = CreateClient();
        if (role is not null) client.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.For(role));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class TestKeys
{
    public static readonly string[] Roles = ["admin", "analyst", "ops", "auditor"];
    public static string For(string role) => $"test-{role}-key";
}
