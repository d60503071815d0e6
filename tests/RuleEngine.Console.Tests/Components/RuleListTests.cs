using RuleEngine.Console.Components.Pages;
using RuleEngine.Console.Tests.TestSupport;

namespace RuleEngine.Console.Tests.Components;

public class RuleListTests : BunitContext
{
    private const string LongName = "a-rule-name-as-long-as-the-server-allows-which-is-sixty-four-chars";

    [Fact]
    public async Task Lists_kind_schedule_status_last_run_and_a_badge_for_a_draft_with_errors()
    {
        var api = new FakeApi().On("GET /api/rules", $$"""
            [
              { "name": "membership-tier", "kind": "segmentation", "schedule": "0 0 2 * * ?", "timeZone": "Asia/Shanghai", "status": "active",
                "versionHash": "abcdef1234567890", "pendingVersion": "0123456789abcdef",
                "lastRun": { "id": "r1", "status": "failed", "startedAt": "2026-11-22T02:00:00Z", "finishedAt": "2026-11-22T02:00:05Z" } },
              { "name": "{{LongName}}", "kind": "reward", "status": "invalid", "description": "<b>bold?</b>" }
            ]
            """);
        await api.RegisterAsync(this, "analyst");

        var page = Render<RuleList>();

        page.WaitForElement("#rules");
        var tier = page.Find("tr[data-rule='membership-tier']");
        Assert.Contains("segmentation", tier.TextContent);
        Assert.Contains("0 0 2 * * ?", tier.TextContent);
        Assert.Contains("draft has errors", tier.TextContent);
        Assert.Contains("failed", tier.TextContent);
        Assert.Contains("2026-11-22 02:00", tier.TextContent);
        var other = page.Find($"tr[data-rule='{LongName}']");
        Assert.Equal(LongName, other.QuerySelector("a")!.GetAttribute("title"));
        Assert.Contains("never", other.TextContent);
        Assert.Contains("&lt;b&gt;bold?&lt;/b&gt;", other.InnerHtml);
        Assert.Empty(other.QuerySelectorAll("b"));
        Assert.Equal("analyst-key", Assert.Single(api.Requests).Key);
    }

    [Fact]
    public async Task A_refused_call_shows_the_servers_reason()
    {
        var api = new FakeApi().On("GET /api/rules", """{ "title": "Role not allowed", "detail": "needs analyst" }""", System.Net.HttpStatusCode.Forbidden);
        await api.RegisterAsync(this, "auditor");

        var page = Render<RuleList>();

        page.WaitForAssertion(() => Assert.Contains("Role not allowed: needs analyst", page.Find("[role=alert]").TextContent));
    }
}
