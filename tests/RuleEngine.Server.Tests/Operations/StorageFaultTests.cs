using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Operations;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Server.Tests.Operations;

/// <summary>
/// When LiteDB closes its engine after an internal error (seen under load with LiteDB 5.0.20), every request that needs
/// storage answers 503 with what to do, and liveness fails so that a supervisor restarts the process, which reopens the file.
/// </summary>
// LiteDB only: closes the LiteDB engine under the server.
[Trait("Backend", "litedb")]
public class StorageFaultTests
{
    [Fact]
    public async Task A_closed_engine_turns_storage_requests_into_503_and_fails_liveness_and_readiness()
    {
        await using var factory = new RuleEngineAppFactory();
        using var client = factory.CreateClient("admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // What LiteDB does after an internal error: the engine closes and every later call throws.
        factory.Services.GetRequiredService<SerializedLiteEngine>().Dispose();

        using var read = await client.GetAsync("/api/customers/c1");
        using var write = await client.PostAsync("/api/customers", JsonContent.Create(new[] { new { id = "c1" } }));
        foreach (var response in new[] { read, write })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("restart the server", await response.Content.ReadAsStringAsync());
        }
        foreach (var path in new[] { "/health", "/health/ready" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var health = await response.Content.ReadFromJsonAsync<HealthResponse>();
            Assert.Equal("unhealthy", Assert.Single(health!.Checks, c => c.Name == "storage").Status);
        }
    }
}
