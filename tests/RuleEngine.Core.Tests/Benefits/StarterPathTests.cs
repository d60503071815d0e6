using Microsoft.Extensions.Logging.Abstractions;
using RuleEngine.Audit;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Demo;
using RuleEngine.Runs;
using RuleEngine.Tests.Rules.Library;
using RuleEngine.Tests.Runs;

namespace RuleEngine.Tests.Benefits;

/// <summary>
/// The seeds' promise for a first-time member: whoever completes the earning tasks has enough points for one small
/// redemption. Proven on the demo data with the shipped rules and catalog, not on a hand-made case.
/// </summary>
public class StarterPathTests
{
    static readonly string[] EarningRules = ["rewards/profile-completion-bonus.csx", "rewards/task-chain-bonus.csx", "rewards/starter-path.csx"];

    [Fact]
    public async Task Demo_members_who_complete_the_earning_tasks_can_redeem_the_smallest_coupon_of_the_shipped_catalog()
    {
        await using var h = new RunHarness();
        h.Options.PageSize = 500; // the harness's tiny pages test paging; here they would only cost minutes
        CopyLibrary(h.RulesPath);
        await h.Catalog.SyncAsync();
        await h.Benefits.SyncAsync();
        Assert.True(h.Benefits.State.Hash is not null, string.Join("\n", h.Benefits.State.Diagnostics));
        await DemoDataSeeder.SeedAsync(new DemoDataGenerator().Generate(3_000), h.Db.Customers, h.Db.Orders, h.Db.Events, CancellationToken.None);

        foreach (var rule in new[] { "profile-completion-bonus", "task-chain-bonus", "starter-path" })
            Assert.Equal(RunStatus.Succeeded, (await h.RunAsync(rule, asOf: DemoDataGenerator.Until)).Status);

        var catalog = h.Benefits.Current;
        var smallest = catalog.Items.Where(i => i.Kind == CatalogItemKinds.Coupon).MinBy(i => i.PointsCost)!;
        Assert.Equal(0, catalog.Template(smallest.Template!)!.Threshold); // the smallest is the no-threshold one
        var finishers = Enumerable.Range(0, 3_000).Select(DemoDataGenerator.CustomerId)
            .Where(id => h.Db.Points.EntriesFor(id) is var ledger && ledger.Any(e => e.Key == "profile-complete") && ledger.Any(e => e.Key == "task-chain"))
            .ToList();
        Assert.True(finishers.Count >= 5, $"only {finishers.Count} demo members finished the earning tasks");
        Assert.All(finishers, id => Assert.True(h.Db.Points.BalanceOf(id) >= smallest.PointsCost, $"{id} has {h.Db.Points.BalanceOf(id)} points"));

        var service = new BenefitsService(h.Benefits, h.Db.Benefits, h.Db.Customers, h.Db.Events, h.Db.Segments,
            DrawSecret.Load("demo-secret-for-the-starter-path-test", h.Db.Folder), Microsoft.Extensions.Options.Options.Create(new BenefitsOptions()),
            h.Clock, new AuditLog(h.Db.Audit, h.Clock, NullLogger<AuditLog>.Instance));
        foreach (var id in finishers)
            Assert.NotNull((await service.RedeemAsync(id, smallest.Id, "first-redemption", "shop")).Value);

        // New members among them also got the starter chance: one more spin than the campaign's free one.
        var newcomers = finishers.Where(id => h.Db.Customers.Find(id)!.JoinedAt >= DemoDataGenerator.Until.AddDays(-90)).ToList();
        Assert.All(newcomers, id => Assert.Equal(2, service.For(id)!.DrawChances["lucky-wheel"]));
    }

    static void CopyLibrary(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RuleLibrary.Root, "_shared")))
            Copy(file, Path.Combine(target, "_shared", Path.GetFileName(file)));
        Copy(Path.Combine(RuleLibrary.Root, BenefitCatalogKeeper.FileName), Path.Combine(target, BenefitCatalogKeeper.FileName));
        foreach (var rule in EarningRules)
        {
            Copy(Path.Combine(RuleLibrary.Root, rule), Path.Combine(target, rule));
            Copy(Path.Combine(RuleLibrary.Root, rule.Replace(".csx", ".tests.json")), Path.Combine(target, rule.Replace(".csx", ".tests.json")));
        }
    }

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
