using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RuleEngine.Demo;
using RuleEngine.Server.Tests.TestHost;
using Xunit.Abstractions;

namespace RuleEngine.Server.Tests.Data;

/// <summary>The demo on LiteDB: the shipped rules, 150 customers, runs as of the demo's end, the fixed draw secret.</summary>
public class DemoOnLiteDbFactory : RuleEngineAppFactory
{
    public DemoOnLiteDbFactory() => DemoSettings.CopyRulesUnscheduled(RulesPath);

    protected override IDictionary<string, string?> Settings => DemoSettings.Of(base.Settings);
}

/// <summary>The same demo on PostgreSQL.</summary>
public sealed class DemoOnPostgresFactory : PostgresAppFactory
{
    public DemoOnPostgresFactory() => DemoSettings.CopyRulesUnscheduled(RulesPath);

    protected override IDictionary<string, string?> Settings => DemoSettings.Of(base.Settings);
}

static class DemoSettings
{
    /// <summary>
    /// The shipped rules without their <c>schedule:</c> lines: a slot that fires while the test reads one server and
    /// not the other (churn-winback at 09:00 Shanghai, as of that day) made the two differ in a CI run. The demo runs
    /// every active rule once all the same.
    /// </summary>
    public static void CopyRulesUnscheduled(string rulesPath)
    {
        Repository.CopyRulesTo(rulesPath);
        foreach (var file in Directory.EnumerateFiles(rulesPath, "*.csx", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            var kept = lines.Where(line => !line.StartsWith("// schedule:", StringComparison.Ordinal)).ToArray();
            if (kept.Length != lines.Length) File.WriteAllLines(file, kept);
        }
    }

    public static IDictionary<string, string?> Of(IDictionary<string, string?> settings) => new Dictionary<string, string?>(settings)
    {
        ["RuleEngine:SeedDemoData"] = "true",
        ["RuleEngine:Demo:Customers"] = "150",
        // Only the demo's own runs, in their fixed order: event-triggered batches would race them.
        ["RuleEngine:Triggers:Enabled"] = "false",
        ["RuleEngine:Benefits:DrawSecret"] = "equivalence-test-secret",
        ["RuleEngine:Runs:Evaluation"] = "InProcess",
    };
}

/// <summary>
/// One behaviour on both backends, end to end: the same demo data, the same shipped rule library run as of the same
/// time, the same redemptions and draws, read back over the API, give the same state for every customer (segments,
/// scores, tags, points ledger, open tasks, coupons and draw chances), run identities aside.
/// </summary>
[Trait("Backend", "postgres")]
[Trait("Category", "Slow")]
public sealed class BackendEquivalenceTests(DemoOnLiteDbFactory lite, DemoOnPostgresFactory postgres, ITestOutputHelper output)
    : IClassFixture<DemoOnLiteDbFactory>, IClassFixture<DemoOnPostgresFactory>
{
    const int Customers = 150;

    [Fact]
    public async Task The_demo_leaves_every_customer_in_the_same_state_on_LiteDB_and_on_PostgreSQL()
    {
        var onLite = await SettledStateAsync(lite.CreateClient("admin"));
        var onPostgres = await SettledStateAsync(postgres.CreateClient("admin"));

        var differences = Enumerable.Range(0, Customers).Select(DemoDataGenerator.CustomerId)
            .Where(id => onLite[id] != onPostgres[id]).ToList();
        foreach (var id in differences.Take(3)) output.WriteLine($"{id}\nLiteDB:     {onLite[id]}\nPostgreSQL: {onPostgres[id]}");
        Assert.Empty(differences);
        // The comparison compares something: the rules did change customers.
        Assert.Contains(onLite.Values, state => state.Contains("\"segments\":{\"", StringComparison.Ordinal));
        Assert.Contains(onLite.Values, state => state.Contains("\"delta\":", StringComparison.Ordinal));
    }

    /// <summary>Every customer's state once the demo's runs, redemptions and draws are done (two equal reads in a row).</summary>
    async Task<Dictionary<string, string>> SettledStateAsync(HttpClient client)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var rules = (await client.GetFromJsonAsync<JsonArray>("/api/rules"))!.Count(r => r!["versionHash"] is not null);
            var runs = (await client.GetFromJsonAsync<JsonObject>("/api/runs?actor=demo-seed&limit=200"))!["items"]!.AsArray();
            var statuses = runs.Select(r => r!["status"]!.GetValue<string>()).ToList();
            if (rules > 0 && runs.Count >= rules && statuses.All(s => s is "succeeded")) break;
            if (DateTime.UtcNow > giveUp || statuses.Contains("failed"))
            {
                var stuck = runs.FirstOrDefault(r => r!["status"]!.GetValue<string>() != "succeeded")!;
                var logs = await client.GetStringAsync($"/api/runs/{stuck["id"]}/logs?limit=50");
                Assert.Fail($"the demo's runs did not all succeed: {rules} active rules, runs " +
                    $"{string.Join(", ", runs.Select(r => $"{r!["rule"]}={r["status"]} {r["error"]}"))}\n{stuck}\n{logs}");
            }
            await Task.Delay(250);
        }
        Dictionary<string, string>? previous = null;
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var state = new Dictionary<string, string>();
            foreach (var id in Enumerable.Range(0, Customers).Select(DemoDataGenerator.CustomerId)) state[id] = await StateOfAsync(client, id);
            if (previous is not null && previous.All(p => state[p.Key] == p.Value)) return state;
            previous = state;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException("The demo's state did not settle.");
    }

    static async Task<string> StateOfAsync(HttpClient client, string id)
    {
        var detail = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/{id}"))!;
        var points = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/points?limit=500"))!;
        var benefits = (await client.GetFromJsonAsync<JsonObject>($"/api/customers/{id}/benefits"))!;
        // Listed by time: the demo's redemption and draw are made "now", one right after the other, which LiteDB
        // (milliseconds) may store as the same instant and PostgreSQL (microseconds) not, so the order of their coupons
        // and of their ledger entries is not compared. Rule outcomes carry the run's clock and keep their order.
        if (benefits["coupons"] is JsonArray coupons)
            benefits["coupons"] = new JsonArray(coupons.OrderBy(c => c!["id"]!.GetValue<string>(), StringComparer.Ordinal).Select(c => c!.DeepClone()).ToArray());
        if (points["items"] is JsonArray entries)
            points["items"] = new JsonArray(entries.Where(e => !IsWallClocked(e!)).Concat(entries.Where(e => IsWallClocked(e!))
                .OrderBy(e => e!["key"]!.GetValue<string>(), StringComparer.Ordinal)).Select(e => e!.DeepClone()).ToArray());
        var state = new JsonObject
        {
            ["segments"] = detail["segments"]!.DeepClone(), ["scores"] = detail["scores"]!.DeepClone(), ["tags"] = detail["tags"]!.DeepClone(),
            ["balance"] = detail["pointsBalance"]!.DeepClone(), ["tasks"] = detail["openTasks"]!.DeepClone(),
            ["points"] = points["items"]!.DeepClone(), ["benefits"] = benefits.DeepClone(),
        };
        WithoutRunIdentities(state);
        return state.ToJsonString();
    }

    /// <summary>A ledger entry or coupon of a redemption or draw: stamped with the wall clock, not the run's.</summary>
    static bool IsWallClocked(JsonNode node) =>
        node["rule"] is JsonValue rule && rule.GetValue<string>().StartsWith("benefits:", StringComparison.Ordinal)
        || node["origin"] is JsonValue origin && origin.GetValue<string>() is "draw" or "redemption";

    /// <summary>
    /// Run ids are random per server (manual runs); records made when a run executes, and the demo's redemptions and
    /// draws (made "now"), carry the wall clock. Rule outcomes carry the run's clock (the demo's end) and stay compared.
    /// </summary>
    static void WithoutRunIdentities(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var wallClock = IsWallClocked(o);
                foreach (var key in o.Select(p => p.Key)
                             .Where(k => k is "runId" or "createdAt" || wallClock && k is "at" or "issuedAt" or "expiresAt" or "usedAt").ToList())
                    o.Remove(key);
                foreach (var (_, value) in o) WithoutRunIdentities(value);
                break;
            case JsonArray a:
                foreach (var item in a) WithoutRunIdentities(item);
                break;
        }
    }
}
