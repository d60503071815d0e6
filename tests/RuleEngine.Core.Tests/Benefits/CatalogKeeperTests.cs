using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Audit;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Scripting;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Benefits;

public class CatalogKeeperTests
{
    [Fact]
    public async Task A_broken_edit_keeps_the_last_good_catalog_and_reports_its_line_also_after_a_restart()
    {
        await using var db = new TempDatabase();
        var rules = Path.Combine(db.Folder, "rules");
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
        var audit = new AuditLog(db.Audit, clock, NullLogger<AuditLog>.Instance);
        BenefitCatalogKeeper Keeper() => new(new RuleEngineOptions { RulesPath = rules, DataPath = db.Folder }, db.CatalogVersions, clock,
            NullLogger<BenefitCatalogKeeper>.Instance, audit);
        var keeper = Keeper();
        var (good, activated) = await keeper.SaveAsync(TestCatalogs.Small, "analyst-1");
        Assert.True(activated);

        var broken = TestCatalogs.Small.Replace("\"pointsCost\": 100", "\"pointsCost\": 100,,");
        var (after, brokenActivated) = await keeper.SaveAsync(broken, "analyst-1");

        Assert.False(brokenActivated);
        Assert.Equal(good.Hash, after.Hash);
        Assert.NotEqual(after.Hash, after.LatestHash);
        Assert.Equal(100, keeper.Current.Item("coupon-10")!.PointsCost);
        var problem = Assert.Single(after.Diagnostics);
        Assert.Equal(4, problem.Line);
        Assert.Equal(2, db.CatalogVersions.List().Count);
        Assert.Equal([true, false], audit.ReadAll(new AuditQuery { Type = AuditTypes.CatalogVersion })
            .Select(e => e.Summary.Contains("is in force")).ToArray());

        // A restart finds the broken file: the last good version stored stays in force.
        var restarted = Keeper();
        var state = await restarted.SyncAsync();
        Assert.Equal(good.Hash, state.Hash);
        Assert.Equal(100, restarted.Current.Item("coupon-10")!.PointsCost);
        Assert.Single(state.Diagnostics);
    }

    [Fact]
    public async Task An_edit_of_the_file_is_picked_up_and_an_unchanged_file_is_not_considered_again()
    {
        await using var db = new TempDatabase();
        var rules = Path.Combine(db.Folder, "rules");
        Directory.CreateDirectory(rules);
        var keeper = new BenefitCatalogKeeper(new RuleEngineOptions { RulesPath = rules, DataPath = db.Folder }, db.CatalogVersions,
            TimeProvider.System, NullLogger<BenefitCatalogKeeper>.Instance);
        await File.WriteAllTextAsync(keeper.FullPath, TestCatalogs.Small);
        await keeper.SyncAsync();
        await keeper.SyncAsync();
        Assert.Single(db.CatalogVersions.List());

        await File.WriteAllTextAsync(keeper.FullPath, TestCatalogs.Small.Replace("\"pointsCost\": 100", "\"pointsCost\": 120"));
        await keeper.SyncAsync();
        Assert.Equal(120, keeper.Current.Item("coupon-10")!.PointsCost);
        Assert.Equal(2, db.CatalogVersions.List().Count);
    }

    [Fact]
    public async Task A_catalog_file_with_a_NUL_is_refused_where_it_is_and_the_catalog_in_force_stays()
    {
        await using var db = new TempPostgres(); // PostgreSQL cannot store a NUL: the version is kept with U+FFFD instead
        var rules = Path.Combine(db.Folder, "rules");
        Directory.CreateDirectory(rules);
        var keeper = new BenefitCatalogKeeper(new RuleEngineOptions { RulesPath = rules, DataPath = db.Folder }, db.CatalogVersions,
            TimeProvider.System, NullLogger<BenefitCatalogKeeper>.Instance);
        await File.WriteAllTextAsync(keeper.FullPath, TestCatalogs.Small);
        var good = await keeper.SyncAsync();

        var withNul = "\n" + TestCatalogs.Small.Replace("\"coupon-10\"", "\"coupon-\u000010\"");
        await File.WriteAllTextAsync(keeper.FullPath, withNul);
        var state = await keeper.SyncAsync();
        await keeper.SyncAsync();

        Assert.Equal(good.Hash, state.Hash);
        var problem = Assert.Single(state.Diagnostics);
        Assert.Equal((RuleDiagnosticIds.NulCharacter, true, withNul[..withNul.IndexOf('\0')].Count(c => c == '\n') + 1),
            (problem.Id, problem.IsError, problem.Line));
        Assert.Equal(100, keeper.Current.Item("coupon-10")!.PointsCost);
        Assert.Equal(2, db.CatalogVersions.List().Count);
        Assert.Contains("coupon-\uFFFD10", db.CatalogVersions.List().Single(v => !v.Good).Content);
    }
}
