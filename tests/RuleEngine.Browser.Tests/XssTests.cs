using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;
using RuleEngine.Browser.Tests.Support;

namespace RuleEngine.Browser.Tests;

/// <summary>Data and rule text are shown as text: markup in them neither runs nor becomes elements.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class XssTests(ConsoleFixture fixture)
{
    private const string CustomerName = "<img src=x onerror=alert(1)>";
    private ConsoleBrowser Browser => fixture.Browser;

    [Fact]
    public async Task Markup_in_a_customer_name_and_in_a_rule_explanation_is_rendered_as_text()
    {
        using var ops = fixture.Server.Client(ConsoleServer.OpsKey);
        using var ingest = await ops.PostAsJsonAsync("/api/customers", new[] { new { id = "xss-1", name = CustomerName } });
        ingest.EnsureSuccessStatusCode();

        Browser.Go("rules");
        Browser.SignIn(ConsoleServer.AnalystKey);
        ArmAlarms();
        var row = Browser.WaitFor($"tr[data-rule='{TestRules.Probe}']");
        Assert.Contains("<img src=x", row.Text); // the description, shown as its characters
        AssertNothingRan();

        // The explanation (with <script> and the customer's name) in the preview's samples, side by side.
        row.FindElement(By.CssSelector("a")).Click();
        new Monaco(Browser).WaitUntilReady();
        ArmAlarms();
        var editor = new Monaco(Browser);
        editor.Replace("\"seen\"", "\"seen-by-draft\"");
        Browser.Find("#preview").Click();
        Browser.WaitFor("#moves", TimeSpan.FromSeconds(90));
        var sample = Browser.Until(() => Browser.TryFind("article.sample[data-customer='xss-1']"), "the probe customer's sample");
        Assert.Contains("<script>window.__xss='explanation'</script>", sample.Text);
        Assert.Contains(CustomerName, sample.Text);
        Browser.Screenshot("xss-as-text");
        AssertNothingRan();

        // The customer's own page and the customer search show the name as text too, and the history the explanation.
        // The run is only queued (202) and the customer page reads the history once: wait until the run has ended.
        using (var run = await ops.PostAsJsonAsync($"/api/rules/{TestRules.Probe}/runs", new { customerIds = new[] { "xss-1" } }))
        {
            run.EnsureSuccessStatusCode();
            var runId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            Assert.Equal("succeeded", await WaitUntilEndedAsync(ops, runId!));
        }
        Browser.Go("customers");
        ArmAlarms();
        Browser.WaitFor("#search-text").SendKeys("xss-1");
        Browser.Find("#search-go").Click();
        Browser.WaitFor("#customers tr[data-customer='xss-1']");
        AssertNothingRan();
        Browser.Go("customers/xss-1");
        ArmAlarms();
        Browser.WaitFor("#profile");
        var history = Browser.Until(() => Browser.TryFind("#history") is { } table
            && (table.GetAttribute("textContent") ?? "").Contains("<script>window.__xss='explanation'</script>") ? table : null, "the probe's explanation in the history");
        Assert.NotEmpty(history.FindElements(By.CssSelector("tr[data-type='segment']")));
        AssertNothingRan();

        // Runs list and a run's outcomes (the probe rule's explanation again).
        Browser.Go("runs");
        ArmAlarms();
        Browser.WaitFor("#runs");
        AssertNothingRan();
    }

    private static async Task<string?> WaitUntilEndedAsync(HttpClient client, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}")).GetProperty("status").GetString();
            if (status is not ("pending" or "running") || DateTime.UtcNow > deadline) return status;
            await Task.Delay(100);
        }
    }

    /// <summary>Any alert or script that did run would leave a mark here.</summary>
    private void ArmAlarms() => Browser.Js("window.__xss = undefined; window.alert = function () { window.__xss = 'alert'; };");

    private void AssertNothingRan()
    {
        Assert.Null(Browser.Js("return window.__xss === undefined ? null : String(window.__xss);"));
        Assert.Empty(Browser.FindAll("img[src='x']"));
        Assert.Empty(Browser.Driver.FindElements(By.XPath("//script[contains(., '__xss')]")));
    }
}
