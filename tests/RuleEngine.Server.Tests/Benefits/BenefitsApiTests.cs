using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Server.Tests.Data;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage;

namespace RuleEngine.Server.Tests.Benefits;

/// <summary>The shop's calls end to end: catalog, member benefits, redemptions and draws over HTTP, with the shipped catalog.</summary>
public sealed class BenefitsApiTests : IDisposable
{
    static readonly string ShippedCatalog = File.ReadAllText(Path.Combine(Repository.Rules, "catalog.json"));
    readonly RuleEngineAppFactory _app = new();
    readonly HttpClient _ops, _analyst, _auditor;

    public BenefitsApiTests()
    {
        File.WriteAllText(Path.Combine(_app.RulesPath, "catalog.json"), ShippedCatalog);
        _ops = _app.CreateClient("ops");
        _analyst = _app.CreateClient("analyst");
        _auditor = _app.CreateClient("auditor");
    }

    public void Dispose() => _app.Dispose();

    async Task Member(string id, long points, string? tier = null)
    {
        Assert.Equal(HttpStatusCode.OK, (await _ops.PostJson("/api/customers", $$"""[{"id":"{{id}}"}]""")).StatusCode);
        var source = new OutcomeSource { Rule = "seed", RuleVersionHash = "h", RunId = "r", At = DateTime.UtcNow.AddDays(-1) };
        await _app.Services.GetRequiredService<IOutcomeWriter>().ApplyAsync(new OutcomeBatch
        {
            Source = source, Points = points > 0 ? [new PointsGrant(id, PointsEntryType.Earn, points, "seed", "seed")] : [],
            Segments = tier is null ? [] : [new SegmentAssignment(id, "tier", tier)],
        });
    }

    static Task<HttpResponseMessage> Redeem(HttpClient client, string customer, string item, string key) =>
        client.PostAsJsonAsync($"/api/customers/{customer}/redemptions", new { itemId = item, idempotencyKey = key });

    [Fact]
    public async Task The_catalog_lists_items_and_campaigns_with_costs_thresholds_and_stock()
    {
        var catalog = (await _auditor.GetFromJsonAsync<JsonObject>("/api/catalog"))!;

        Assert.NotNull(catalog["version"]);
        var items = catalog["items"]!.AsArray();
        var big = items.Single(i => i!["id"]!.GetValue<string>() == "coupon-50")!;
        Assert.Equal(("coupon", 400, 300m, 1000), (big["kind"]!.GetValue<string>(), big["pointsCost"]!.GetValue<long>(),
            big["threshold"]!.GetValue<decimal>(), big["stock"]!.GetValue<long>()));
        Assert.Equal(9.90m, items.Single(i => i!["id"]!.GetValue<string>() == "mug-plus-cash")!["cashCost"]!.GetValue<decimal>());
        var wheel = catalog["campaigns"]!.AsArray().Single()!;
        Assert.Equal(50, wheel["pointsPerChance"]!.GetValue<long>());
        Assert.Equal(1.0, wheel["prizes"]!.AsArray().Sum(p => p!["odds"]!.GetValue<double>()), 9);
    }

    [Fact]
    public async Task Redeeming_answers_201_then_200_for_the_same_key_and_409_saying_why_with_nothing_spent()
    {
        await Member("c1", 150);

        var created = await Redeem(_ops, "c1", "coupon-10", "till-1");
        var again = await Redeem(_ops, "c1", "coupon-10", "till-1");
        var tooFew = await Redeem(_ops, "c1", "coupon-10", "till-2");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(100, body["pointsSpent"]!.GetValue<long>());
        Assert.Equal("small-10", body["coupon"]!["template"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(body["id"]!.GetValue<string>(), (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        var problem = await ProblemAssert.IsProblemAsync(tooFew, HttpStatusCode.Conflict);
        Assert.Equal("insufficient-points", problem.GetProperty("reason").GetString());
        Assert.Contains("has 50 points", problem.Detail());
        var points = (await _ops.GetFromJsonAsync<JsonObject>("/api/customers/c1"))!;
        Assert.Equal(50, points["pointsBalance"]!.GetValue<long>());
    }

    [Fact]
    public async Task Member_benefits_show_coupons_chances_and_the_tier_entitlements()
    {
        await Member("c1", 400, tier: "diamond");
        await Redeem(_ops, "c1", "wheel-chance", "k1");
        await Redeem(_ops, "c1", "coupon-10", "k2");

        var benefits = (await _auditor.GetFromJsonAsync<JsonObject>("/api/customers/c1/benefits"))!;

        Assert.Equal(10m, benefits["entitlements"]!["discountPercent"]!.GetValue<decimal>());
        Assert.True(benefits["entitlements"]!["freeShipping"]!.GetValue<bool>());
        Assert.Equal(2, benefits["drawChances"]!["lucky-wheel"]!.GetValue<long>());
        var coupon = Assert.Single(benefits["coupons"]!.AsArray())!;
        Assert.Equal(("active", "redemption"), (coupon["status"]!.GetValue<string>(), coupon["origin"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await _auditor.GetAsync("/api/customers/nobody/benefits")).StatusCode);
    }

    [Fact]
    public async Task Drawing_spends_the_free_chance_then_needs_points_and_is_in_the_audit_log()
    {
        await Member("c1", 60);

        var free = await _ops.PostAsJsonAsync("/api/customers/c1/draws", new { campaign = "lucky-wheel", idempotencyKey = "d1" });
        var none = await _ops.PostAsJsonAsync("/api/customers/c1/draws", new { campaign = "lucky-wheel", idempotencyKey = "d2" });
        var paid = await _ops.PostAsJsonAsync("/api/customers/c1/draws", new { campaign = "lucky-wheel", idempotencyKey = "d3", payWithPoints = true });

        Assert.Equal(HttpStatusCode.Created, free.StatusCode);
        var prize = (await free.Content.ReadFromJsonAsync<JsonObject>())!["prize"]!;
        Assert.False(string.IsNullOrEmpty(prize["title"]!.GetValue<string>()));
        Assert.Equal("no-chance-left", (await ProblemAssert.IsProblemAsync(none, HttpStatusCode.Conflict)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("points", (await paid.Content.ReadFromJsonAsync<JsonObject>())!["paidWith"]!.GetValue<string>());
        var audit = (await _auditor.GetFromJsonAsync<JsonObject>("/api/audit?type=benefits.draw"))!;
        Assert.Equal(2, audit["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_broken_catalog_edit_is_refused_with_its_line_and_the_last_good_stays()
    {
        var before = (await _analyst.GetFromJsonAsync<JsonObject>("/api/catalog"))!["version"]!.GetValue<string>();
        var broken = ShippedCatalog.Replace("\"odds\": 0.45", "\"odds\": 0.55");

        var response = await _analyst.PutAsync("/api/catalog", new StringContent(broken, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var diagnostic = (await response.Content.ReadFromJsonAsync<JsonObject>())!["diagnostics"]!.AsArray().Single()!;
        Assert.Contains("odds sum to 1.1", diagnostic["message"]!.GetValue<string>());
        Assert.Equal(LineOf(broken, "\"id\": \"lucky-wheel\""), diagnostic["line"]!.GetValue<int>());
        var after = (await _analyst.GetFromJsonAsync<JsonObject>("/api/catalog"))!;
        Assert.Equal(before, after["version"]!.GetValue<string>());
        Assert.NotNull(after["pendingVersion"]);
        Assert.Equal(HttpStatusCode.OK,
            (await _analyst.PutAsync("/api/catalog", new StringContent(ShippedCatalog.Replace("\"pointsCost\": 100", "\"pointsCost\": 90"), Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(90, (await _analyst.GetFromJsonAsync<JsonObject>("/api/catalog"))!["items"]!.AsArray()
            .Single(i => i!["id"]!.GetValue<string>() == "coupon-10")!["pointsCost"]!.GetValue<long>());
    }

    static int LineOf(string text, string what) => text[..text.IndexOf(what, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
