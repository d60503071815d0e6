using System.Text;
using Microsoft.Extensions.Options;
using RuleEngine.Ingest;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Ingest;

public abstract class DataIngestTests
{
    protected abstract TestStorage NewStorage();

    private static DataIngest Ingest(TestStorage db, IngestOptions? options = null) =>
        new(db.Customers, db.Orders, db.Events, Options.Create(options ?? new IngestOptions()));

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string NdjsonCustomers(int count) =>
        string.Join('\n', Enumerable.Range(0, count).Select(i => $$"""{"id":"c{{i}}","name":"n{{i}}"}"""));

    [Fact]
    public async Task An_all_or_nothing_request_larger_than_memory_spools_and_writes_every_row()
    {
        await using var db = NewStorage();
        var options = new IngestOptions { BatchSize = 7, SpoolMemoryRows = 10 };

        var result = await Ingest(db, options).CustomersAsync(Body(NdjsonCustomers(100)), IngestFormat.Ndjson, partial: false);

        Assert.Equal(new IngestResult(100, 0, []), result with { Errors = [] });
        Assert.Empty(result.Errors);
        Assert.Equal(100, db.Customers.Count());
        Assert.Equal("n99", db.Customers.Find("c99")!.Name);
    }

    [Fact]
    public async Task A_bad_row_at_the_very_end_of_a_spooled_request_keeps_everything_out()
    {
        await using var db = NewStorage();
        var options = new IngestOptions { BatchSize = 7, SpoolMemoryRows = 10 };

        var result = await Ingest(db, options).CustomersAsync(Body(NdjsonCustomers(100) + "\n{\"name\":\"no id\"}"), IngestFormat.Ndjson, partial: false);

        Assert.Equal(0, result.Accepted);
        Assert.Equal(1, result.Rejected);
        Assert.Equal(new RowError(101, "id", "'id' is required."), Assert.Single(result.Errors));
        Assert.Equal(0, db.Customers.Count());
    }

    [Fact]
    public async Task More_rows_than_the_limit_is_refused_and_partial_mode_says_what_was_written()
    {
        await using var db = NewStorage();
        var options = new IngestOptions { BatchSize = 10, MaxRows = 25 };

        var atomic = await Assert.ThrowsAsync<IngestLimitExceededException>(() =>
            Ingest(db, options).CustomersAsync(Body(NdjsonCustomers(30)), IngestFormat.Ndjson, partial: false));
        Assert.Equal(0, db.Customers.Count());
        var partial = await Assert.ThrowsAsync<IngestLimitExceededException>(() =>
            Ingest(db, options).CustomersAsync(Body(NdjsonCustomers(30)), IngestFormat.Ndjson, partial: true));

        Assert.Contains("25", atomic.Message);
        Assert.Equal(0, atomic.Accepted);
        Assert.Equal(20, partial.Accepted);
        Assert.Equal(20, db.Customers.Count());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused()
    {
        await using var db = NewStorage();

        var error = await Assert.ThrowsAsync<IngestLimitExceededException>(() =>
            Ingest(db, new IngestOptions { MaxBodyBytes = 100 }).CustomersAsync(Body(NdjsonCustomers(30)), IngestFormat.Ndjson, partial: false));

        Assert.Contains("MaxBodyBytes", error.Message);
        Assert.Equal(0, db.Customers.Count());
    }

    [Fact]
    public async Task Csv_cells_may_be_quoted_with_commas_quotes_and_line_breaks()
    {
        await using var db = NewStorage();
        var csv = "id,name,tags,attributes.skinType,consent.sms\r\n" +
                  "c1,\"Wang, \"\"Fang\"\"\",vip;new,dry,true\r\n" +
                  "c2,\"two\nlines\",,,false\r\n";

        var result = await Ingest(db).CustomersAsync(Body(csv), IngestFormat.Csv, partial: false);

        Assert.Equal(2, result.Accepted);
        var c1 = db.Customers.Find("c1")!;
        Assert.Equal("Wang, \"Fang\"", c1.Name);
        Assert.Equal(["vip", "new"], c1.Tags);
        Assert.Equal("dry", c1.Attributes["skinType"]);
        Assert.True(c1.Consent["sms"]);
        Assert.Equal("two\nlines", db.Customers.Find("c2")!.Name);
    }

    [Fact]
    public async Task Csv_rows_are_numbered_as_lines_of_the_file()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1")]);
        var csv = "id,customerId,amount,at\no1,c1,10,2026-01-01T00:00:00Z\no2,c1,ten,2026-01-01T00:00:00Z\no3,c1,1\n";

        var result = await Ingest(db).OrdersAsync(Body(csv), IngestFormat.Csv, partial: true);

        Assert.Equal(1, result.Accepted);
        Assert.Equal(
            [new RowError(3, "amount", "'amount' must be a number, not 'ten'."), new RowError(4, null, "Expected 4 cells as in the header, found 3.")],
            result.Errors);
    }

    [Fact]
    public async Task Csv_lines_are_counted_across_line_breaks_inside_cells_and_blank_lines_and_a_cell_may_start_with_a_hash()
    {
        await using var db = NewStorage();
        var csv = "id,name,birthday\r\n" +
                  "c1,\"three\r\nline\nname\",\r\n" +   // lines 2-4
                  "\r\n" +                                  // line 5: blank
                  "#c2,# not a comment,\r\n" +              // line 6
                  "c3,x,not-a-date\r\n";                    // line 7

        var result = await Ingest(db).CustomersAsync(Body(csv), IngestFormat.Csv, partial: true);

        Assert.Equal(2, result.Accepted);
        Assert.Equal("three\r\nline\nname", db.Customers.Find("c1")!.Name);
        Assert.Equal("# not a comment", db.Customers.Find("#c2")!.Name);
        Assert.Equal(7, Assert.Single(result.Errors).Row);
    }

    [Fact]
    public async Task A_quote_left_open_stops_the_file_at_the_line_it_opens_on_and_keeps_nothing_of_an_all_or_nothing_load()
    {
        await using var db = NewStorage();
        var csv = "id,name\nc1,fine\nc2,\"never closed\nc3,lost\n";

        var result = await Ingest(db).CustomersAsync(Body(csv), IngestFormat.Csv, partial: false);

        Assert.Equal(0, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("line 3", error.Message);
        Assert.Equal(0, db.Customers.Count());
    }

    [Fact]
    public async Task Events_check_prescription_days_on_visits()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1")]);
        var body = """
            [{"id":"e1","customerId":"c1","type":"visit","at":"2026-01-01T09:00:00Z","properties":{"prescriptionDays":14}},
             {"id":"e2","customerId":"c1","type":"visit","at":"2026-01-01T09:00:00Z","properties":{"prescriptionDays":"two weeks"}}]
            """;

        var result = await Ingest(db).EventsAsync(Body(body), IngestFormat.JsonArray, partial: true);

        Assert.Equal(1, result.Accepted);
        Assert.Equal("properties.prescriptionDays", Assert.Single(result.Errors).Field);
        Assert.Equal("14", Assert.Single(db.Events.ForCustomer("c1")).Properties["prescriptionDays"]);
    }

    [Fact]
    public async Task Negative_amounts_and_empty_item_lines_are_refused()
    {
        await using var db = NewStorage();
        await db.Customers.UpsertAsync([Some.Customer("c1")]);
        var body = """
            {"id":"o1","customerId":"c1","amount":-5,"at":"2026-01-01T09:00:00Z"}
            {"id":"o2","customerId":"c1","amount":5,"at":"2026-01-01T09:00:00Z","items":[{"sku":"S","quantity":0,"price":5}]}
            """;

        var result = await Ingest(db).OrdersAsync(Body(body), IngestFormat.Ndjson, partial: false);

        Assert.Equal([(1L, "amount"), (2L, "items[0].quantity")], result.Errors.Select(e => (e.Row, e.Field)));
        Assert.Empty(db.Orders.ForCustomer("c1"));
    }
}

public sealed class DataIngestOnLiteDb : DataIngestTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class DataIngestOnPostgres : DataIngestTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
