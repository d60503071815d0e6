using System.Text.Json;
using RuleEngine.Console.Components.Controls;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Tests.Components;

public class ImpactPreviewTests : BunitContext
{
    [Fact]
    public void Shows_the_move_table_totals_and_samples_side_by_side_as_text()
    {
        var impact = PreviewImpact.From(JsonDocument.Parse("""
            {
              "moves": [ { "kind": "tier", "from": "silver", "to": "gold", "customers": 1234 } ],
              "points": { "draft": 10, "live": 8 }, "tasks": { "draft": 0, "live": 1 },
              "samples": [ { "customerId": "c-9", "live": ["tier: silver"], "draft": ["tier: gold"],
                             "explanations": { "live": "<script>alert(1)</script>", "draft": "spend 3000" } } ]
            }
            """).RootElement);
        PreviewSample? captured = null;

        var panel = Render<ImpactPreview>(p => p
            .Add(c => c.Impact, impact)
            .Add(c => c.CanCapture, true)
            .Add(c => c.OnCapture, s => captured = s));

        var row = panel.Find("#moves tbody tr");
        Assert.Contains("silver", row.TextContent);
        Assert.Contains("gold", row.TextContent);
        Assert.Contains("1,234", row.TextContent);
        Assert.Contains("live 8", panel.Find(".totals").TextContent);
        Assert.Contains("draft 10", panel.Find(".totals").TextContent);
        var sample = panel.Find("article.sample[data-customer='c-9']");
        Assert.Empty(sample.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", sample.TextContent);
        sample.QuerySelector("button.capture")!.Click();
        Assert.Equal("c-9", captured?.CustomerId);
    }

    [Fact]
    public void A_running_preview_shows_progress_and_a_cancel_button()
    {
        var run = new RunView("run-1", "r", null, "running", true, DateTime.UtcNow, DateTime.UtcNow, null, new RunProgress(150, 300), null, null, null);

        var panel = Render<ImpactPreview>(p => p.Add(c => c.Run, run));

        Assert.Contains("150 / 300", panel.Find("#impact-progress").TextContent);
        Assert.NotNull(panel.Find("#impact-cancel"));
    }
}
