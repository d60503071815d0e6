using RuleEngine.Runs;
using RuleEngine.Tests.Runs;

namespace RuleEngine.Tests.Benefits;

/// <summary>Coupons and draw chances from rules: granted once per key across reruns, counted by dry runs, listed in run outcomes.</summary>
public class BenefitOutcomeRunTests : IAsyncLifetime
{
    const string Grants = """
        var spend = SpendWithin(365);
        if (spend >= 100m) GrantCoupon("small-10", "welcome", $"spend {spend:0} ≥ 100: welcome coupon");
        GrantDrawChance("wheel", "monthly:2026-11", "monthly chance");
        GrantDrawChance("wheel", "monthly:2026-11", "asked twice in one run: still one chance");
        """;

    readonly RunHarness _h = new();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_h.Benefits.FullPath, TestCatalogs.Small);
        await _h.Benefits.SyncAsync();
        await _h.AddRuleAsync("grants", Grants, kind: "reward");
        await _h.AddCustomersAsync(("c1", [600m]), ("c2", [50m]), ("c3", [150m]));
    }

    [Fact]
    public async Task Coupons_and_chances_are_granted_once_whatever_reruns_happen()
    {
        var first = await _h.RunAsync("grants");
        var rerun = await _h.Coordinator.RerunAsync(first.Id, "test");
        rerun = (await _h.Coordinator.ExecuteAsync(rerun.Id, CancellationToken.None))!;
        var later = await _h.RunAsync("grants");

        Assert.Equal((2, 3), (first.Counts.CouponsGranted, first.Counts.DrawChancesGranted));
        Assert.Equal((0, 0), (rerun.Counts.CouponsGranted, rerun.Counts.DrawChancesGranted));
        Assert.Equal((0, 0), (later.Counts.CouponsGranted, later.Counts.DrawChancesGranted));
        var coupon = Assert.Single(_h.Db.Benefits.CouponsFor("c1"));
        Assert.Equal(("grants", first.Id, first.VersionHash, "rule"), (coupon.Source.Rule, coupon.Source.RunId, coupon.Source.RuleVersionHash, coupon.Origin));
        Assert.Equal((10m, RunHarness.Now.AddDays(30)), (coupon.Value, coupon.ExpiresAt));
        Assert.Empty(_h.Db.Benefits.CouponsFor("c2"));
        Assert.Single(_h.Db.Benefits.ChancesFor("c2"));
        var outcomes = _h.Db.Runs.Outcomes(first.Id, new(100)).Items;
        Assert.Contains(outcomes, o => o is { CustomerId: "c1", Type: "coupon", Target: "welcome", To: "small-10" } && o.Because!.Contains("welcome coupon"));
        Assert.Equal(3, outcomes.Count(o => o.Type == "draw_chance"));
        var history = _h.Db.History.For("c1", null, null);
        Assert.Contains(history, e => e is { Type: "coupon", Name: "small-10", Rule: "grants" } && e.RunId == first.Id && e.VersionHash == first.VersionHash);
        Assert.Contains(history, e => e is { Type: "draw_chance", Name: "wheel", Amount: 1 } && e.RunId == first.Id);
    }

    [Fact]
    public async Task A_dry_run_counts_the_coupons_and_chances_it_would_grant_and_grants_none()
    {
        var dry = await _h.RunAsync("grants", dryRun: true);

        Assert.Equal(RunStatus.Succeeded, dry.Status);
        Assert.Equal((2, 3), (dry.Counts.CouponsGranted, dry.Counts.DrawChancesGranted));
        Assert.Equal((2, 3), (dry.Impact!.CouponsGranted, dry.Impact.DrawChancesGranted));
        Assert.Contains(dry.Impact.Sample, s => s.Changes.Any(c => c.StartsWith("coupon small-10")));
        Assert.Empty(_h.Db.Benefits.CouponsFor("c1"));
        Assert.Empty(_h.Db.Benefits.ChancesFor("c1"));

        var real = await _h.RunAsync("grants");
        Assert.Equal((dry.Counts.CouponsGranted, dry.Counts.DrawChancesGranted), (real.Counts.CouponsGranted, real.Counts.DrawChancesGranted));
    }

    [Fact]
    public async Task A_template_missing_from_the_catalog_fails_the_customer_with_a_clear_message()
    {
        await _h.AddRuleAsync("typo", """GrantCoupon("smal-10", "k", "typo");""", kind: "reward");

        var run = await _h.RunAsync("typo");

        Assert.Equal(3, run.Counts.Failed);
        Assert.Contains(_h.Db.Runs.Logs(run.Id, new(100)).Items, l => l.Message.Contains("Coupon template 'smal-10' is not in the benefits catalog"));
        Assert.Empty(_h.Db.Benefits.CouponsFor("c1"));
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();
}
