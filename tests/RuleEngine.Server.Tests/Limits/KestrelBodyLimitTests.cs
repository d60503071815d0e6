using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Limits;

/// <summary>A body without Content-Length cannot be refused up front; Kestrel stops it at the limit while it is read.</summary>
public class KestrelBodyLimitTests
{
    [Fact]
    public async Task A_streamed_body_over_the_limit_is_a_413_problem()
    {
        await using var host = await ProbeHost.StartAsync(
            app => app.MapPost("/probe/upload", async (HttpRequest request) =>
            {
                await request.Body.CopyToAsync(Stream.Null);
                return TypedResults.NoContent();
            }).WithSummary("probe"),
            new Dictionary<string, string?> { ["RuleEngine:Limits:MaxRequestBodyBytes"] = "4096" },
            kestrel: true);
        using var client = host.CreateClient("ops");
        var content = new StreamContent(new MemoryStream(new byte[64 * 1024]));
        content.Headers.ContentLength = null; // sent chunked

        var problem = await ProblemAssert.IsProblemAsync(await client.PostAsync("/probe/upload", content), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("larger than this server accepts", problem.Detail());
    }
}
