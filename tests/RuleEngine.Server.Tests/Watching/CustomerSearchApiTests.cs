using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Watching;

/// <summary>Finding customers without knowing their id; personal data masked for analysts and auditors.</summary>
public class CustomerSearchApiTests : IClassFixture<RuleEngineAppFactory>, IAsyncLifetime
{
    readonly RuleEngineAppFactory _app;
    readonly HttpClient _ops;

    public CustomerSearchApiTests(RuleEngineAppFactory app)
    {
        _app = app;
        _ops = app.CreateClient("ops");
    }

    public async Task InitializeAsync()
    {
        if ((await _ops.GetFromJsonAsync<JsonElement>("/api/customers?q=s")).GetProperty("items").GetArrayLength() > 0) return;
        var response = await _ops.PostJson("/api/customers", """
            [{"id":"s1","name":"Zhang Wei","phone":"13812345678","email":"zhang.wei@example.com","birthday":"1990-05-01"},
             {"id":"s2","name":"Zhang Min","phone":"13998765432","email":"min@example.com"},
             {"id":"s3","name":"Wang Fang","phone":"+86 138 0000 1111","email":"fang@example.org"},
             {"id":"s4","name":"=cmd()","email":"x@example.com"}]
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _app.Services.GetRequiredService<IOutcomeWriter>().ApplyAsync(new OutcomeBatch
        {
            Source = new OutcomeSource { Rule = "tiers", RuleVersionHash = "h1", RunId = "run-1", At = DateTime.UtcNow },
            Segments = [new SegmentAssignment("s1", "tier", "gold"), new SegmentAssignment("s2", "tier", "silver"), new SegmentAssignment("s3", "tier", "gold")],
            Scores = [new ScoreChange("s1", "rfm", 4.5, "R5 F4 M4")],
            Points = [new PointsGrant("s1", PointsEntryType.Earn, 120, "order", "order:o1")],
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<List<JsonElement>> Items(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/customers?{query}");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    static IEnumerable<string> Ids(IEnumerable<JsonElement> items) => items.Select(i => i.GetProperty("id").GetString()!);

    [Theory]
    [InlineData("q=s", "s1,s2,s3,s4")]               // id prefix
    [InlineData("q=zhang", "s1,s2")]                 // name prefix, any case
    [InlineData("q=Zhang%20W", "s1")]
    [InlineData("q=1399", "s2")]                     // phone prefix
    [InlineData("q=86138", "s3")]
    [InlineData("q=fang%40", "s3")]                  // e-mail prefix
    [InlineData("segment=tier:gold", "s1,s3")]       // segment membership
    [InlineData("q=zhang&segment=tier:gold", "s1")]
    [InlineData("q=nobody", "")]
    public async Task Customers_are_found_by_each_kind_of_prefix_and_by_segment(string query, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Ids(await Items(_ops, query)).Order());
    }

    [Fact]
    public async Task Results_carry_segments_scores_and_points_balance_and_page_by_cursor()
    {
        var first = await _ops.GetFromJsonAsync<JsonElement>("/api/customers?q=s&limit=3");
        var second = await _ops.GetFromJsonAsync<JsonElement>($"/api/customers?q=s&limit=3&cursor={first.GetProperty("nextCursor").GetString()}");

        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(["s1", "s2", "s3", "s4"], Ids(all));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var s1 = all[0];
        Assert.Equal("gold", s1.GetProperty("segments").GetProperty("tier").GetString());
        Assert.Equal(4.5, s1.GetProperty("scores").GetProperty("rfm").GetDouble());
        Assert.Equal(120, s1.GetProperty("pointsBalance").GetInt64());
    }

    [Theory]
    [InlineData("ops", "Zhang Wei", "13812345678", "zhang.wei@example.com")]
    [InlineData("admin", "Zhang Wei", "13812345678", "zhang.wei@example.com")]
    [InlineData("analyst", "Zh*** W**", "138****5678", "z***@example.com")]
    [InlineData("auditor", "Zh*** W**", "138****5678", "z***@example.com")]
    public async Task Personal_data_is_masked_for_analysts_and_auditors_in_search_detail_and_export(string role, string name, string phone, string email)
    {
        using var client = _app.CreateClient(role);

        var found = Assert.Single(await Items(client, "q=s1"));
        var detail = await client.GetFromJsonAsync<JsonElement>("/api/customers/s1");
        var ndjson = await Export(client, "q=s1", "application/x-ndjson");
        var csv = await Export(client, "q=s1", "text/csv");

        Assert.Equal((name, phone, email), (found.GetProperty("name").GetString(), found.GetProperty("phone").GetString(), found.GetProperty("email").GetString()));
        Assert.Equal((name, phone, email), (detail.GetProperty("name").GetString(), detail.GetProperty("phone").GetString(), detail.GetProperty("email").GetString()));
        Assert.Equal(role is "ops" or "admin", detail.GetProperty("birthday").ValueKind == JsonValueKind.String);
        var row = JsonDocument.Parse(ndjson.Trim()).RootElement;
        Assert.Equal(name, row.GetProperty("name").GetString());
        Assert.Contains($"\"{name}\",\"{phone}\",\"{email}\"", csv);
        if (role is "analyst" or "auditor") Assert.DoesNotContain("Zhang Wei", csv + ndjson);
    }

    async Task<string> Export(HttpClient client, string query, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/customers?{query}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Csv_and_ndjson_exports_stream_every_match_beyond_one_page()
    {
        var csv = (await Export(_ops, "q=s&limit=1", "text/csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ndjson = (await Export(_ops, "segment=tier:gold", "application/x-ndjson")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("id,name,phone,email,pointsBalance,segments,scores", csv[0]);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("\"s1\",\"Zhang Wei\",\"13812345678\",\"zhang.wei@example.com\",\"120\",\"tier=gold\",\"rfm=4.5\"", csv[1]);
        Assert.Contains("\"'=cmd()\"", csv[4]); // a formula is shown, not run
        Assert.Equal(["s1", "s3"], ndjson.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("segment=gold", "segment")]
    [InlineData("segment=tier:", "segment")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=***", "cursor")]
    public async Task Bad_search_parameters_are_a_validation_problem(string query, string field)
    {
        var response = await _ops.GetAsync($"/api/customers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Json())["errors"]![field]);
    }

    [Fact]
    public async Task A_search_query_is_not_written_to_the_server_log()
    {
        await _ops.GetAsync("/api/customers?q=zhang.wei%40example.com");
        await _ops.GetAsync("/api/customers?q=ZhangWeiSearchMarker");

        await Eventually.TrueAsync(() => Task.FromResult(LogFiles.Read(_app).Contains("/api/customers")), "the request to be logged");
        var log = LogFiles.Read(_app);
        Assert.DoesNotContain("ZhangWeiSearchMarker", log);
        Assert.DoesNotContain("zhang.wei", log);
    }
}
