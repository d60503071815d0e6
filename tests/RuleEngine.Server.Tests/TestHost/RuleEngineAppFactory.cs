using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RuleEngine.Server.Tests.TestHost;

/// <summary>
/// The real server over a real LiteDB file in a fresh temp folder, with one API key per role.
/// One factory per test class (or per test when a test needs a pristine database).
/// In RuleEngine.Server.Tests.OnPostgres (or with <c>RULEENGINE_TEST_STORAGE=postgres</c> in the environment) the same
/// servers run on PostgreSQL instead, a fresh database each (on one throwaway PostgreSQL server per test process): how
/// <c>dotnet test</c> runs the API suite on both backends. Tests of what only LiteDB has carry <c>[Trait("Backend", "litedb")]</c> and are left out of that pass.
/// </summary>
public class RuleEngineAppFactory : WebApplicationFactory<Program>
{
    // RuleEngine.Server.Tests.OnPostgres compiles this suite with ON_POSTGRES; the variable does the same for one run by hand.
#if ON_POSTGRES
    static readonly bool OnPostgres = true;
#else
    static readonly bool OnPostgres = Environment.GetEnvironmentVariable("RULEENGINE_TEST_STORAGE") == "postgres";
#endif
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
        var settings = Settings;
        if (OnPostgres && !settings.ContainsKey("RuleEngine:Storage:Provider"))
        {
            builder.UseSetting("RuleEngine:Storage:Provider", "postgres");
            builder.UseSetting("RuleEngine:Storage:ConnectionString", SharedPostgres.Server.CreateDatabase());
        }
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
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
