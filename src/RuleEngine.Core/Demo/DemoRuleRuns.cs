using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RuleEngine.Domain;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Demo;

/// <summary>
/// After the demo data was seeded, runs every active rule once over it so that a first look at the server shows
/// segments, points and tasks. Runs are as of the end of the demo history (the data set is fixed in time), kind by
/// kind: segmentation first, since rewards and follow-ups read grades and tiers.
/// </summary>
public sealed class DemoRuleRuns(
    DemoSeedStatus status, RuleCatalog catalog, RunCoordinator coordinator, IRunStore runs, ILogger<DemoRuleRuns> log,
    Benefits.BenefitsService? benefits = null, IPointsLedger? points = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!status.SeededThisStart) return;
        try
        {
            await RunEveryRuleOnceAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A first look at the data, not a duty: storage going away meanwhile (PostgreSQL restarting once stopped the
            // whole server from here) must not take the host down. The data stays seeded; the rules run on their schedules.
            log.LogError(e, "Demo data: the first runs over the demo data stopped ({Error}); the data is seeded, trigger the rules again to see their results",
                e.Message);
        }
    }

    async Task RunEveryRuleOnceAsync(CancellationToken stoppingToken)
    {
        while (!catalog.IsLoaded) await Task.Delay(100, stoppingToken);
        foreach (var kind in new[] { RuleKind.Segmentation, RuleKind.Reward, RuleKind.Followup })
        {
            var started = new List<Run>();
            foreach (var rule in catalog.Rules.Where(r => r.Active?.Header.Kind == kind))
                started.Add(await coordinator.TriggerAsync(new RunRequest
                {
                    Rule = rule.Name, TriggeredBy = "demo-seed", AsOf = DemoDataGenerator.Until,
                }, stoppingToken));
            foreach (var run in started)
                while (runs.Find(run.Id) is { IsFinished: false }) await Task.Delay(200, stoppingToken);
        }
        log.LogInformation("Demo data: every active rule ran once as of {AsOf:yyyy-MM-dd}", DemoDataGenerator.Until);
        await RedeemAndDrawAsync(stoppingToken);
    }

    /// <summary>A few members spend points and spin the wheel, so the benefits calls have something to show.</summary>
    async Task RedeemAndDrawAsync(CancellationToken cancellation)
    {
        if (benefits is null || points is null) return;
        var (redeemed, drawn) = (0, 0);
        for (var index = 0; index < 200 && (redeemed < 10 || drawn < 10); index++)
        {
            var id = DemoDataGenerator.CustomerId(index);
            if (redeemed < 10 && points.BalanceOf(id) >= 100
                && (await benefits.RedeemAsync(id, "coupon-10", "demo-redemption", "demo-seed", cancellation)).Value is not null) redeemed++;
            if (drawn < 10 && (await benefits.DrawAsync(id, "lucky-wheel", "demo-draw", false, "demo-seed", cancellation)).Value is not null) drawn++;
        }
        log.LogInformation("Demo data: {Redeemed} redemptions and {Drawn} draws made", redeemed, drawn);
    }
}

public static class DemoRuleRunsServiceCollectionExtensions
{
    public static IServiceCollection AddDemoRuleRuns(this IServiceCollection services) => services.AddHostedService<DemoRuleRuns>();
}
