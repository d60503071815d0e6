using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenQA.Selenium;
using RuleEngine.Browser.Tests.Support;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Browser.Tests;

/// <summary>The ops' and auditors' console end to end: runs watched live, a customer's history, the audit chain.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleFixture fixture)
{
    /// <summary>About 20 ms of arithmetic per customer: a run over the 300 demo customers lasts seconds, long enough to watch.</summary>
    const string SlowWalk = """
        // name: slow-walk
        // kind: segmentation
        // description: Deliberately slow, for the console tests: arithmetic per customer, a log line per tenth customer.
        var x = 0L;
        for (var i = 0; i < 3_000_000; i++) x += i % 7;
        if (Customer.Id.EndsWith("0")) Log($"walked {Customer.Id} ({x})");
        SetSegment("walk", "done", "walked");

        """;

    private ConsoleBrowser Browser => fixture.Browser;

    [Fact]
    public async Task Ops_starts_a_run_and_watches_its_bar_reach_100_percent_and_its_log_move_then_cancels_another()
    {
        using (var admin = fixture.Server.Client(ConsoleServer.AdminKey))
        using (var save = await admin.PutAsync("/api/rules/slow-walk", new StringContent(SlowWalk, Encoding.UTF8, "text/plain")))
            Assert.True(save.IsSuccessStatusCode, await save.Content.ReadAsStringAsync());

        Browser.Go("runs");
        Browser.SignIn(ConsoleServer.OpsKey);
        Browser.WaitFor("#runs");
        Start("slow-walk");

        // Live: the bar is seen part-way, the log tail grows, then the bar reaches 100 % with the run succeeded.
        var logLines = 0;
        var partWay = false;
        Browser.UntilTrue(() =>
        {
            var value = Browser.TryFind("#progress-bar")?.GetAttribute("value");
            if (int.TryParse(value, out var percent) && percent is > 0 and < 100) partWay = true;
            logLines = Math.Max(logLines, Browser.FindAll("#log-tail li").Count);
            if (partWay && Browser.TryFind("#progress-rate") is not null) Browser.Screenshot("console-runs");
            return Browser.TryFind("#progress[data-status='succeeded']") is not null;
        }, "the run to succeed", TimeSpan.FromSeconds(180));
        Assert.True(partWay, "the progress bar was never seen between 0 and 100 %");
        Assert.Equal("100", Browser.Find("#progress-bar").GetAttribute("value"));
        var finalLines = Browser.FindAll("#log-tail li").Count;
        Assert.True(finalLines > 3, $"the log tail shows {finalLines} lines");
        Assert.Contains(Browser.FindAll("#log-tail li"), li => li.Text.Contains("walked c"));
        var counts = Browser.Find("#run-counts").Text;
        Assert.Matches(@"segment changes [1-9]\d*", counts); // every customer entered "walk: done" (300 demo customers, more if other tests added some)
        Browser.UntilTrue(() => Browser.FindAll("#outcomes tbody tr").Count > 0, "the run's outcomes");

        // Another run, cancelled from its page while it runs.
        Browser.Go("runs");
        Browser.WaitFor("#start-run");
        Start("slow-walk");
        Browser.WaitFor("#cancel-run").Click();
        Browser.WaitFor("#progress[data-status='cancelled']", TimeSpan.FromSeconds(60));
        Assert.Contains("Cancelled on request", Browser.Find("#run-error").Text);

        // The list shows both, filtered by rule.
        Browser.Go("runs");
        Browser.WaitFor("#filter-rule option[value='slow-walk']").Click();
        Browser.Find("#filter-apply").Click();
        Browser.UntilTrue(() => Browser.FindAll("#runs tbody tr").Count == 2, "the two slow-walk runs");
    }

    [Fact]
    public async Task Auditor_sees_which_rule_version_gave_a_customer_their_tier_verifies_the_chain_and_after_tampering_sees_the_first_bad_entry()
    {
        // The highest tier some demo customer reached (300 demo customers reach silver or gold).
        var reached = await DemoTiersAsync();
        var tier = new[] { "diamond", "platinum", "gold", "silver" }.First(reached.Contains);

        Browser.Go("customers");
        Browser.SignIn(ConsoleServer.AuditorKey);
        Browser.WaitFor("#search-segment").SendKeys($"tier:{tier}");
        Browser.Find("#search-go").Click();
        Browser.WaitFor("#customers tbody tr a").Click();

        var row = Browser.Until(() => Browser.FindAll("#history tbody tr[data-type='segment']")
            .LastOrDefault(r => r.Text.Contains("tier:") && r.Text.Contains($"→ {tier}")), $"the move to {tier} in the history");
        var cells = row.FindElements(By.CssSelector("td"));
        Assert.Equal("membership-tier", cells[2].Text);
        Assert.Matches("^[0-9a-f]{8}$", cells[3].Text);
        Assert.Contains(tier, cells[5].GetAttribute("title"));
        Assert.Equal(tier, Browser.Find("#current dd[data-fact='segment tier']").Text);
        Assert.NotEmpty(Browser.FindAll("#ledger tbody tr")); // demo customers in a tier above ordinary have bought, so earned points
        Browser.Js("arguments[0].scrollIntoView({ block: 'center' });", row); // the answer to "why?" in the picture
        Browser.Screenshot("console-customer");

        // The chain verifies, and its head is there to copy.
        Browser.Go("audit");
        Browser.WaitFor("#verify-chain").Click();
        Browser.WaitFor("#verify-ok");
        Assert.Matches(@"^\d+:[0-9a-f]{64}$", Browser.Find("#head-anchor").Text);
        Browser.Screenshot("console-audit");

        // Export: fetched with the key on the server side, handed to the browser as a file (captured here as it is made).
        Browser.Js("window.__exported = null; const make = URL.createObjectURL; URL.createObjectURL = b => { b.text().then(t => window.__exported = t); return make(b); };");
        Browser.Find("#export-ndjson").Click();
        var exported = Browser.Until(() => Browser.Js("return window.__exported;") as string, "the exported file");
        Assert.Contains("\"rule.version\"", exported);
        Assert.True(exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 3);

        // Someone with access to the file changes entry 3's summary while the server is down.
        await fixture.Server.RestartAsync(dataPath =>
        {
            using var database = LiteDbFile.Open(dataPath);
            var audit = database.GetCollection(LiteDbCollections.Audit);
            var entry = audit.FindById(3);
            entry["Summary"] = "nothing happened here";
            audit.Update(entry);
        });
        Browser.Rebase(fixture.Server.BaseAddress);
        Browser.Go("audit");
        Browser.SignIn(ConsoleServer.AuditorKey);
        Browser.WaitFor("#verify-chain").Click();
        Browser.WaitFor("#verify-bad");
        Assert.StartsWith("First bad entry: #3 ", Browser.Find("#first-bad-entry").Text);
        Browser.WaitFor("#audit-entries tr.bad[data-sequence='3']");
    }

    [Fact]
    public async Task The_dashboard_draws_segment_distributions_a_trend_points_per_week_runs_per_day_and_follow_ups_due_with_data()
    {
        await DemoTiersAsync();
        using (var auditor = fixture.Server.Client(ConsoleServer.AuditorKey))
        {
            // The follow-up rules run last among the demo data's first runs.
            for (var wait = 0; wait < 120; wait++)
            {
                var open = await auditor.GetFromJsonAsync<JsonElement>("/api/followups?status=open&limit=1");
                if (open.GetProperty("items").GetArrayLength() > 0) break;
                await Task.Delay(500);
            }
        }
        Browser.Go("dashboard");
        Browser.SignIn(ConsoleServer.AuditorKey);

        // The demo data's runs put every customer in a tier: the bars of the tier chart add up to more than nothing.
        var tierBars = Browser.Until(() => Browser.FindAll("figure[data-chart='segments-tier'] g.bar") is { Count: > 0 } bars ? bars : null, "the tier distribution");
        Assert.True(tierBars.Sum(b => double.Parse(b.GetAttribute("data-value") ?? "0", System.Globalization.CultureInfo.InvariantCulture)) > 0);
        Assert.True(Browser.FindAll("#segment-charts figure").Count >= 3, "one chart per segment kind");
        static double Total(IEnumerable<IWebElement> columns) => columns.Sum(c => double.Parse(c.GetAttribute("data-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        Browser.UntilTrue(() => Total(Browser.FindAll("figure[data-chart='trend'] g.column")) > 0, "the tier trend with members");
        Browser.UntilTrue(() => Total(Browser.FindAll("figure[data-chart='runs-per-day'] g.column")) > 0, "today's runs");
        Browser.UntilTrue(() => Total(Browser.FindAll("figure[data-chart='followups-due'] g.column")) > 0, "open follow-ups");
        // The demo's redemptions and draws spend points now: this week's column has them, side by side with earned and expired.
        Browser.UntilTrue(() => Total(Browser.FindAll("figure[data-chart='points-per-week'] g.column")) > 0, "points spent this week");
        Assert.Equal(["earned", "spent", "expired"], Browser.FindAll("figure[data-chart='points-per-week'] g.legend").Select(l => l.GetAttribute("data-series")));
        Assert.NotEmpty(Browser.FindAll("figure[data-chart='trend'] g.legend"));
        Browser.Js("document.querySelector(\"figure[data-chart='segments-tier']\").scrollIntoView();");
        Browser.Screenshot("console-dashboard");
        Browser.Js("document.querySelector(\"figure[data-chart='points-per-week']\").scrollIntoView();");
        Browser.Screenshot("console-dashboard-points");
    }

    /// <summary>The tiers the demo customers are in, once the demo data's first runs (in the background after start) made them.</summary>
    private async Task<List<string>> DemoTiersAsync()
    {
        using var auditor = fixture.Server.Client(ConsoleServer.AuditorKey);
        List<string> reached = [];
        for (var wait = 0; wait < 120 && !reached.Contains("silver"); wait++)
        {
            if (wait > 0) await Task.Delay(500);
            var segments = await auditor.GetFromJsonAsync<JsonElement>("/api/segments");
            reached = segments.EnumerateArray()
                .Where(s => s.GetProperty("kind").GetString() == "tier" && s.GetProperty("members").GetInt64() > 0)
                .Select(s => s.GetProperty("value").GetString()!).ToList();
        }
        return reached;
    }

    /// <summary>Starts a real run of <paramref name="rule"/> from the runs page and waits for its page.</summary>
    private void Start(string rule)
    {
        Browser.WaitFor($"#start-rule option[value='{rule}']").Click();
        Browser.Find("#start-go").Click();
        Browser.WaitFor("#progress");
    }
}
