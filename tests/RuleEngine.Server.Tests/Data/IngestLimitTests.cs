using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Data;

/// <summary>A server with small ingest limits, so that breaking them is cheap.</summary>
public sealed class SmallLimitsAppFactory : RuleEngineAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RuleEngine:Ingest:MaxBodyBytes"] = "2000",
        ["RuleEngine:Ingest:MaxRows"] = "20",
        ["RuleEngine:Ingest:BatchSize"] = "5",
    };
}

public sealed class IngestLimitTests : IDisposable
{
    private readonly SmallLimitsAppFactory _app = new();
    private readonly HttpClient _ops;

    public IngestLimitTests() => _ops = _app.CreateClient("ops");

    public void Dispose() => _app.Dispose();

    private static string Customers(int count, int nameLength = 1) =>
        IngestClient.Ndjson(Enumerable.Range(0, count).Select(i => (object)new { id = $"c{i}", name = new string('x', nameLength) }).ToArray());

    private long StoredCustomers => _app.Services.GetRequiredService<ICustomerStore>().Count();

    [Fact]
    public async Task An_oversize_body_is_refused_with_413_and_nothing_written()
    {
        var response = await _ops.PostNdjson("/api/customers", Customers(10, nameLength: 300));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", (await response.Json())["detail"]!.GetValue<string>());
        Assert.Equal(0, StoredCustomers);
    }

    [Fact]
    public async Task An_oversize_body_without_a_length_is_cut_off_while_streaming()
    {
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Customers(10, nameLength: 300))));
        content.Headers.ContentType = new("application/x-ndjson");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers?partial=true") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _ops.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Json();
        Assert.Equal(StoredCustomers, problem["accepted"]!.GetValue<long>());
    }

    [Fact]
    public async Task Too_many_rows_are_refused_with_413()
    {
        var response = await _ops.PostNdjson("/api/customers", Customers(21));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("20 rows", (await response.Json())["detail"]!.GetValue<string>());
        Assert.Equal(0, StoredCustomers);
    }

    [Fact]
    public async Task Many_batches_of_one_request_all_arrive()
    {
        var response = await _ops.PostNdjson("/api/customers", Customers(20));

        Assert.Equal((20, 0), await response.Counts());
        Assert.Equal(20, StoredCustomers);
        Assert.IsType<JsonObject>(await response.Json());
    }
}
