using System.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Data;

public sealed class IngestApiTests : IDisposable
{
    private readonly RuleEngineAppFactory _app = new();
    private readonly HttpClient _ops;

    public IngestApiTests() => _ops = _app.CreateClient("ops");

    public void Dispose() => _app.Dispose();

    private const string TwoCustomers = """[{"id":"c1","name":"Wang Fang","birthday":"1992-02-29","tags":["vip"]},{"id":"c2"}]""";

    private async Task<JsonObject> Customer(string id) => (await _ops.GetFromJsonAsync<JsonObject>($"/api/customers/{id}"))!;

    [Fact]
    public async Task A_json_array_of_customers_is_upserted()
    {
        var response = await _ops.PostJson("/api/customers", TwoCustomers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 0), await response.Counts());
        Assert.Empty(await response.Errors());
        var c1 = await Customer("c1");
        Assert.Equal("Wang Fang", c1["name"]!.GetValue<string>());
        Assert.Equal("1992-02-29", c1["birthday"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ndjson_orders_and_events_for_known_customers_are_upserted()
    {
        await _ops.PostJson("/api/customers", TwoCustomers);
        var orders = IngestClient.Ndjson(
            new { id = "o1", customerId = "c1", amount = 199.5, at = "2026-11-01T08:00:00Z", status = "refunded", items = new[] { new { sku = "S", quantity = 1, price = 199.5 } } },
            new { id = "o2", customerId = "c2", amount = 10, at = "2026-11-02T08:00:00Z" });
        var events = IngestClient.Ndjson(new { id = "e1", customerId = "c1", type = "visit", at = "2026-11-01T08:00:00Z", properties = new { prescriptionDays = 14 } });

        var ordersResponse = await _ops.PostNdjson("/api/orders", orders);
        var eventsResponse = await _ops.PostNdjson("/api/events", events);

        Assert.Equal((2, 0), await ordersResponse.Counts());
        Assert.Equal((1, 0), await eventsResponse.Counts());
    }

    [Fact]
    public async Task Csv_customers_and_orders_are_upserted()
    {
        var customers = await _ops.PostCsv("/api/customers", "id,name,region,tags\nc1,Li Min,Shanghai,vip;gold\nc2,\"Zhao, Lei\",,\n");
        var orders = await _ops.PostCsv("/api/orders", "id,customerId,amount,currency,at,status\no1,c1,88.5,CNY,2026-11-01T08:00:00Z,paid\n");

        Assert.Equal((2, 0), await customers.Counts());
        Assert.Equal((1, 0), await orders.Counts());
        Assert.Equal(["gold", "vip"], (await Customer("c1"))["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Zhao, Lei", (await Customer("c2"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ingesting_the_same_body_twice_leaves_one_copy()
    {
        await _ops.PostJson("/api/customers", TwoCustomers);
        var again = await _ops.PostJson("/api/customers", TwoCustomers.Replace("Wang Fang", "Wang Fang 2"));

        Assert.Equal((2, 0), await again.Counts());
        Assert.Equal("Wang Fang 2", (await Customer("c1"))["name"]!.GetValue<string>());
        Assert.Equal(2, _app.Services.GetRequiredService<ICustomerStore>().Count());
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_where_it_broke_and_nothing_written()
    {
        var response = await _ops.PostJson("/api/customers", """[{"id":"c1"},{"id":"c2",""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var error = Assert.Single(await response.Errors());
        Assert.Equal(2, error.Row);
        Assert.Contains("Malformed JSON", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.GetAsync("/api/customers/c1")).StatusCode);
    }

    [Fact]
    public async Task An_ndjson_body_in_utf16_is_refused_naming_its_encoding_and_nothing_written()
    {
        var body = new ByteArrayContent([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(IngestClient.Ndjson(new { id = "c1" }))]);
        body.Headers.ContentType = new("application/x-ndjson");

        var response = await _ops.PostAsync("/api/customers", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await response.Errors());
        Assert.StartsWith("The body is UTF-16 (little-endian)", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await _ops.GetAsync("/api/customers/c1")).StatusCode);
    }

    [Fact]
    public async Task Wrong_types_and_missing_fields_are_reported_per_row_and_field()
    {
        await _ops.PostJson("/api/customers", TwoCustomers);
        var body = """
            [{"id":"o1","customerId":"c1","amount":10,"at":"2026-11-01T08:00:00Z"},
             {"id":"o2","customerId":"c1","amount":"lots","at":"yesterday","status":"lost"},
             {"customerId":"c1","amount":1,"at":"2026-11-01T08:00:00Z"},
             {"id":"o4","customerId":"c1","amount":1,"at":"2026-11-01T08:00:00Z","items":[{"sku":"S","quantity":1.5,"price":2}]},
             42]
            """;

        var response = await _ops.PostJson("/api/orders", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 4), await response.Counts());
        Assert.Equal(
            [(2, "amount"), (2, "at"), (2, "status"), (3, "id"), (4, "items[0].quantity"), (5, null)],
            (await response.Errors()).Select(e => (e.Row, e.Field)));
        Assert.Empty(_app.Services.GetRequiredService<IOrderStore>().ForCustomer("c1"));
    }

    [Fact]
    public async Task Orders_and_events_of_unknown_customers_are_rejected()
    {
        await _ops.PostJson("/api/customers", TwoCustomers);

        var orders = await _ops.PostNdjson("/api/orders", IngestClient.Ndjson(new { id = "o1", customerId = "ghost", amount = 1, at = "2026-11-01T08:00:00Z" }));
        var events = await _ops.PostNdjson("/api/events", IngestClient.Ndjson(new { id = "e1", customerId = "ghost", type = "signin", at = "2026-11-01T08:00:00Z" }));

        Assert.Equal(HttpStatusCode.BadRequest, orders.StatusCode);
        Assert.Equal((1L, "customerId"), (await orders.Errors()).Select(e => (e.Row, e.Field)).Single());
        Assert.Contains("ghost", (await events.Errors()).Single().Message);
    }

    [Fact]
    public async Task Duplicate_ids_in_one_request_are_rejected_naming_the_first_row()
    {
        var response = await _ops.PostNdjson("/api/customers", IngestClient.Ndjson(new { id = "c1" }, new { id = "c2" }, new { id = "c1" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await response.Errors());
        Assert.Equal((3L, "id"), (error.Row, error.Field));
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public async Task Partial_writes_the_good_rows_and_lists_the_bad_ones()
    {
        var body = IngestClient.Ndjson(new { id = "c1" }, new { name = "no id" }) + "\n{not json\n" + IngestClient.Ndjson(new { id = "c4" });

        var response = await _ops.PostNdjson("/api/customers?partial=true", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 2), await response.Counts());
        Assert.Equal([2L, 3L], (await response.Errors()).Select(e => e.Row));
        Assert.Equal(HttpStatusCode.OK, (await _ops.GetAsync("/api/customers/c4")).StatusCode);
    }

    [Fact]
    public async Task Csv_errors_say_the_line()
    {
        var badHeader = await _ops.PostCsv("/api/customers", "id,name,name\nc1,a,b\n");
        var badRows = await _ops.PostCsv("/api/customers", "id,name,birthday\nc1,a\nc2,b,29/02/2000\nc3,\"open quote\n");

        Assert.Equal(HttpStatusCode.BadRequest, badHeader.StatusCode);
        Assert.Contains("'name' twice", (await badHeader.Errors()).Single().Message);
        Assert.Equal([(2L, null), (3L, "birthday"), (4L, null)], (await badRows.Errors()).Select(e => (e.Row, e.Field)));
    }

    [Fact]
    public async Task An_unsupported_content_type_is_refused()
    {
        var response = await _ops.Post("/api/customers", "<customers/>", "application/xml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-ndjson", (await response.Json())["detail"]!.GetValue<string>());
    }
}
