using System.Net;
using System.Net.Http.Json;
using RuleEngine.Server.Operations;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Operations;

public class HealthTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    /// <summary>
    /// Readiness whatever its status: right after start-up one check (the scheduler, still picking up the rules on a
    /// loaded machine) may hold it at 503, and the body lists every check either way.
    /// </summary>
    static async Task<HealthResponse> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return (await response.Content.ReadFromJsonAsync<HealthResponse>())!;
    }

    [Fact]
    public async Task Liveness_answers_without_a_key()
    {
        using var client = factory.CreateClient(null);

        var health = await client.GetFromJsonAsync<HealthResponse>("/health");

        Assert.Equal("healthy", health!.Status);
    }

    [Fact]
    public async Task Readiness_reports_the_data_folder_check()
    {
        using var client = factory.CreateClient(null);

        var health = await ReadinessAsync(client);

        var check = Assert.Single(health.Checks, c => c.Name == "data-folder");
        Assert.Equal("healthy", check.Status);
    }

    [Fact]
    public async Task Readiness_reports_the_scheduler_once_it_follows_the_rules()
    {
        using var client = factory.CreateClient(null);

        async Task<HealthCheckEntry?> SchedulerCheck() =>
            (await ReadinessAsync(client)).Checks.SingleOrDefault(c => c.Name == "scheduler");

        await Eventually.TrueAsync(async () => await SchedulerCheck() is { Status: "healthy" }, "a healthy scheduler check");

        Assert.Contains("rules scheduled", (await SchedulerCheck())!.Description);
    }

    [Fact]
    public async Task Server_refuses_to_start_when_the_data_folder_cannot_be_created()
    {
        // The database lives there: serving without it would only fail later, request by request.
        var blocked = Path.Combine(factory.Root, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "a file where the data folder should be");
        await using var broken = factory.WithWebHostBuilder(b => b.UseSetting("RuleEngine:DataPath", Path.Combine(blocked, "data")));

        var error = Assert.ThrowsAny<IOException>(() => broken.CreateClient());

        Assert.Contains("not-a-folder", error.Message);
    }
}
