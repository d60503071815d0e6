using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.OpenApi;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Server.Tests.OpenApi;

/// <summary>
/// The ingest schemas in the document are written by hand beside the parsers (Server/Data/IngestRows.cs): every
/// example the document gives, in each content type, must be accepted as it stands, and what the document calls
/// required must be refused when missing.
/// </summary>
public sealed class IngestRowsDocumentTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    [InlineData("text/csv")]
    public async Task Every_documented_ingest_example_is_accepted(string contentType)
    {
        var (document, _) = await OpenApiDocumentLoader.LoadAsync(factory);
        using var ops = factory.CreateClient("ops");

        // Customers first: orders and events refer to them.
        foreach (var path in new[] { "/api/customers", "/api/orders", "/api/events" })
        {
            var example = document.Paths[path].Operations![HttpMethod.Post].RequestBody!.Content![contentType].Example!;
            var body = contentType == "text/csv" ? example.GetValue<string>() : example.ToJsonString();
            var response = await ops.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} {contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt64() > 0);
        }
    }

    [Theory]
    [InlineData("/api/customers", "CustomerIngestRow")]
    [InlineData("/api/orders", "OrderIngestRow")]
    [InlineData("/api/events", "EventIngestRow")]
    public async Task A_row_missing_a_field_the_document_calls_required_is_refused_naming_it(string path, string schema)
    {
        var (document, _) = await OpenApiDocumentLoader.LoadAsync(factory);
        var example = document.Paths[path].Operations![HttpMethod.Post].RequestBody!.Content!["application/json"].Example!.AsArray()[0]!.AsObject();
        using var ops = factory.CreateClient("ops");
        await ops.PostAsync("/api/customers", new StringContent("""[{"id":"c-1001"},{"id":"c-1002"}]""", Encoding.UTF8, "application/json"));

        foreach (var required in document.Components!.Schemas![schema].Required!)
        {
            var row = example.DeepClone().AsObject();
            row.Remove(required);
            var response = await ops.PostAsync(path, new StringContent($"[{row.ToJsonString()}]", Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"'{required}'", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_order_item_price_is_documented_as_per_unit()
    {
        var (document, _) = await OpenApiDocumentLoader.LoadAsync(factory);

        var price = document.Components!.Schemas!["OrderItemIngestRow"].Properties!["price"];
        Assert.Contains("ONE unit", price.Description);
        Assert.True(document.Components.Schemas["OrderItemIngestRow"].Required!.SetEquals(["price", "quantity", "sku"]));
    }
}

public sealed class ExampleCheckTests(RuleEngineAppFactory factory) : IClassFixture<RuleEngineAppFactory>
{
    [Fact]
    public async Task An_example_that_does_not_fit_its_schema_is_reported()
    {
        var (document, _) = await OpenApiDocumentLoader.LoadAsync(factory);
        var schema = new OpenApiSchemaReference("OrderIngestRow", document);
        var bad = System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "o-1", "amount": "lots", "at": "2026-11-20T14:05:00Z", "items": [ { "sku": "A", "quantity": 1.5, "price": 2 } ] }""")!;

        var problems = ExampleCheck.Problems(bad, schema, document, "order");

        Assert.Contains(problems, p => p.Contains("'customerId' is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("order.amount", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("order.items[0].quantity", StringComparison.Ordinal));
    }
}
