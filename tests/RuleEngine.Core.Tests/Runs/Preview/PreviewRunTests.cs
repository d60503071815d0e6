using RuleEngine.Runs;
using RuleEngine.Runs.Preview;

namespace RuleEngine.Tests.Runs.Preview;

/// <summary>
/// A preview against stored state (a real run has run): what stays unchanged under one version is compared at its
/// stored value, and the preview's counts are those a dry run of the draft, saved as the rule, reports.
/// </summary>
public class PreviewRunTests : IAsyncLifetime
{
    const string Live = """
        var spend = SpendWithin(365);
        SetSegment("tier", spend >= 1000m ? "gold" : "silver", $"spend {spend:0} against 1000");
        SetScore("value", (double)spend / 10, "a tenth of spend");
        foreach (var order in PaidOrdersWithin(365)) AwardPoints((long)order.Amount / 10, $"order:{order.Id}", "points per order");
        """;

    static readonly string Draft = Live.Replace("1000m", "100m").Replace("against 1000", "against 100")
        .Replace("(double)spend / 10", "(double)spend / 5").Replace("/ 10, $\"order", "/ 5, $\"bonus");

    readonly RunHarness _h = new();
    RulePreviews _previews = null!;

    public async Task InitializeAsync()
    {
        await _h.AddRuleAsync("tier", Live);
        await _h.AddCustomersAsync(("c1", [600m, 600m]), ("c2", [100m]), ("c3", []), ("c4", [2000m]), ("c5", [50m, 20m]));
        _previews = new RulePreviews(_h.Catalog, _h.Coordinator, _h.Db.Runs, new PreviewDrafts());
        await _h.RunAsync("tier");
    }

    [Fact]
    public async Task Unchanged_values_are_compared_at_their_stored_value()
    {
        var run = await PreviewAsync();

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var rows = _h.Db.Runs.Outcomes(run.Id, new(100)).Items;
        var c2Tier = rows.Single(r => r.CustomerId == "c2" && r.Type == "segment");
        Assert.Equal(("silver", "gold"), (c2Tier.Live, c2Tier.Draft));
        Assert.Contains("against 1000", c2Tier.LiveBecause);
        var c1Score = rows.Single(r => r.CustomerId == "c1" && r.Type == "score");
        Assert.Equal(("120", "240"), (c1Score.Live, c1Score.Draft));
        Assert.DoesNotContain(rows, r => r.CustomerId == "c3" && r.Type == "segment"); // silver under both
        Assert.Equal([new SegmentMove("tier", "silver", "gold", 1)], run.Comparison!.Moves); // c2 only: c1 and c4 are gold under both
        Assert.Equal(new VersionTotals(Draft: 2 * 120 + 20 + 400 + 10 + 4, Live: 0), run.Comparison.Points); // live's points were all given already
    }

    [Fact]
    public async Task Preview_counts_are_a_dry_run_of_the_draft()
    {
        var preview = await PreviewAsync();
        await _h.AddRuleAsync("tier", Draft);
        var dry = await _h.RunAsync("tier", dryRun: true);

        Assert.Equal(dry.Counts, preview.Counts);
        Assert.Equal(dry.Impact!.PointsAwarded, preview.Comparison!.Points.Draft);
        Assert.DoesNotContain(_h.Db.Runs.Outcomes(dry.Id, new(100)).Items, o => o.Live is not null || o.Draft is not null);
    }

    [Fact]
    public async Task Nothing_stored_changes()
    {
        var segments = _h.Db.Segments.Summaries();
        var points = _h.Db.Points.EntriesFor("c2");

        await PreviewAsync();

        Assert.Equal(segments, _h.Db.Segments.Summaries());
        Assert.Equal(points, _h.Db.Points.EntriesFor("c2"));
        Assert.Equal("silver", _h.Db.Segments.CurrentFor("c2")["tier"]);
    }

    async Task<Run> PreviewAsync()
    {
        var run = await _previews.StartAsync(new PreviewRequest { Rule = "tier", Text = $"// kind: segmentation\n{Draft}", TriggeredBy = "test" });
        return (await _h.Coordinator.ExecuteAsync(run.Id, CancellationToken.None))!;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();
}
