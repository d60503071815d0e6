using System.Text.Json;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Tests.Model;

public class PreviewImpactTests
{
    [Fact]
    public void The_contract_shape_reads_into_moves_totals_and_samples_with_both_explanations()
    {
        var json = JsonDocument.Parse("""
            {
              "moves": [ { "kind": "tier", "from": "silver", "to": "gold", "customers": 42 }, { "kind": "tier", "from": null, "to": "ordinary", "customers": 3 } ],
              "points": { "draft": 1200, "live": 1000.5 },
              "tasks": { "draft": 3, "live": 4 },
              "samples": [ { "customerId": "c-1", "live": { "segment": "silver" }, "draft": { "segment": "gold" },
                             "explanations": { "live": "spend 2000", "draft": ["spend 2000 ≥ 1500"] } } ]
            }
            """).RootElement;

        var impact = PreviewImpact.From(json);

        Assert.Equal([new SegmentMoveRow("tier", "silver", "gold", 42), new SegmentMoveRow("tier", null, "ordinary", 3)], impact.Moves);
        Assert.Equal(new DraftVersusLive("1200", "1000.5"), impact.Points);
        Assert.Equal(new DraftVersusLive("3", "4"), impact.Tasks);
        var sample = Assert.Single(impact.Samples);
        Assert.Equal("c-1", sample.CustomerId);
        Assert.Equal(["segment: silver"], sample.Live);
        Assert.Equal(["segment: gold"], sample.Draft);
        Assert.Equal(["spend 2000"], sample.LiveExplanations);
        Assert.Equal(["spend 2000 ≥ 1500"], sample.DraftExplanations);
    }

    [Fact]
    public void Numbers_keep_every_digit_the_server_sent()
    {
        var impact = PreviewImpact.From(JsonDocument.Parse("""{ "points": { "draft": 0.30000000000000004, "live": 1e-9 } }""").RootElement);

        Assert.Equal(new DraftVersusLive("0.30000000000000004", "1e-9"), impact.Points);
        Assert.Empty(impact.Moves);
    }
}
