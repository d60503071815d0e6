using System.Net;
using System.Text;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.Limits;

/// <summary>
/// Ingest takes bodies up to its own limit (RuleEngine:Ingest:MaxBodyBytes), far above the server-wide request limit
/// (RuleEngine:Limits:MaxRequestBodyBytes), also when the client declares the length up front, as curl and most HTTP
/// clients do for a file; every other endpoint still refuses a body over the server-wide limit.
/// </summary>
public sealed class IngestBodyLimitTests(IngestBodyLimitTests.SmallRequestLimit app) : IClassFixture<IngestBodyLimitTests.SmallRequestLimit>
{
    public sealed class SmallRequestLimit : RuleEngineAppFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RuleEngine:Limits:MaxRequestBodyBytes"] = "4096" };
    }

    [Fact]
    public async Task A_declared_ingest_body_over_the_server_wide_limit_is_ingested_and_other_bodies_are_refused()
    {
        using var ops = app.CreateClient("ops");
        var ndjson = string.Concat(Enumerable.Range(0, 500).Select(i => $$"""{"id":"big-{{i:D4}}","name":"Customer number {{i}}"}""" + "\n"));
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(ndjson));
        body.Headers.ContentType = new("application/x-ndjson");
        Assert.True(body.Headers.ContentLength > 4096);

        var ingested = await ops.PostAsync("/api/customers", body);
        var other = await ops.PostAsync("/api/rules/validate", new StringContent(new string(' ', 8192) + "// kind: segmentation\n", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, ingested.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, other.StatusCode);
    }
}
