using RuleEngine.Console.Components.Controls;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Tests.Components;

public class TestPanelTests : BunitContext
{
    [Fact]
    public void A_failure_shows_expected_and_actual_with_every_digit()
    {
        IReadOnlyList<TestCaseResult> results =
        [
            new("passes", true, null, null, null),
            new("a tiny miss", false, "score differs", "{\"score\":\"churn\",\"value\":0.5}", "{\"score\":\"churn\",\"value\":0.50000086}"),
        ];

        var panel = Render<TestPanel>(p => p.Add(c => c.Results, results));

        Assert.Contains("1 of 2 passed, 1 failed", panel.Find("#tests-summary").TextContent);
        var failed = panel.Find("li.failed");
        Assert.Contains("0.50000086", failed.TextContent);
        Assert.Contains("\"value\":0.5}", failed.TextContent);
        Assert.Empty(panel.Find("li.passed").QuerySelectorAll("pre"));
    }
}
