using System.Net;
using RuleEngine.Console.Components.Pages;
using RuleEngine.Console.Tests.TestSupport;

namespace RuleEngine.Console.Tests.Components;

public class RuleEditorTests : BunitContext
{
    private const string Rule = """
        {
          "name": "spend-band", "kind": "segmentation", "status": "active", "versionHash": "1111111111111111", "path": "segmentation/spend-band.csx",
          "source": "// kind: segmentation\nSetSegment(\"band\", \"low\");\n", "diagnostics": [], "loadedFiles": ["_shared/calendar.csx"],
          "versions": [ { "hash": "1111111111111111", "createdAt": "2026-11-22T02:00:00Z", "source": "api", "actor": "ana", "good": true, "path": "segmentation/spend-band.csx", "active": true } ],
          "tests": []
        }
        """;

    [Fact]
    public async Task An_auditor_gets_no_save_tests_or_preview_buttons()
    {
        var api = new FakeApi().On("GET /api/rules/spend-band", Rule);
        await api.RegisterAsync(this, "auditor");

        var page = Render<RuleEditor>(p => p.Add(c => c.Name, "spend-band"));

        page.WaitForElement("#read-only-note");
        Assert.Empty(page.FindAll("#save"));
        Assert.Empty(page.FindAll("#run-tests"));
        Assert.Empty(page.FindAll("#preview"));
        Assert.Empty(page.FindAll("#real-run"));
        Assert.NotNull(page.Find("#tab-history"));
    }

    [Fact]
    public async Task Ops_can_dry_run_and_run_but_not_edit()
    {
        var api = new FakeApi().On("GET /api/rules/spend-band", Rule);
        await api.RegisterAsync(this, "ops");

        var page = Render<RuleEditor>(p => p.Add(c => c.Name, "spend-band"));

        page.WaitForElement("#dry-run");
        Assert.NotNull(page.Find("#real-run"));
        Assert.Empty(page.FindAll("#save"));
    }

    [Fact]
    public async Task A_save_that_does_not_compile_says_it_stays_a_draft_and_shows_its_diagnostics()
    {
        var api = new FakeApi()
            .On("GET /api/rules/spend-band", Rule)
            .On("PUT /api/rules/spend-band", """
                { "active": false, "status": "active", "versionHash": "1111111111111111", "pendingVersion": "2222222222222222",
                  "diagnostics": [ { "severity": "error", "id": "CS0103", "message": "The name 'Nope' does not exist in the current context", "path": "segmentation/spend-band.csx", "line": 2, "column": 12 } ] }
                """, HttpStatusCode.UnprocessableEntity);
        await api.RegisterAsync(this, "analyst");
        var page = Render<RuleEditor>(p => p.Add(c => c.Name, "spend-band"));
        page.WaitForElement("#save");

        page.Find("#save").Click();

        page.WaitForAssertion(() => Assert.Contains("Kept as a draft", page.Find("#save-status").TextContent));
        Assert.Contains("1 errors", page.Find("#save-status").TextContent);
        Assert.Contains("segmentation/spend-band.csx(2,12)", page.Find("#diagnostics").TextContent);
        var put = api.Requests.Single(r => r.Method == "PUT");
        Assert.Equal("analyst-key", put.Key);
        Assert.Contains("SetSegment", put.Body);
    }
}
