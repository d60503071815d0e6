using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scheduling;
using RuleEngine.Storage;
using RuleEngine.Storage.Postgres;
using RuleEngine.Tests.TestSupport;
using RuleEngine.Tests.Runs;

namespace RuleEngine.Tests.Scheduling;

/// <summary>
/// A <see cref="RunHarness"/> plus a real Quartz scheduler and the rule scheduler, wired through the container as
/// <c>AddRuleEngineScheduling</c> wires them. <paramref name="schedulerClock"/> is Quartz's and the rule scheduler's
/// clock: the system clock for tests that wait for real fires, the harness's fake clock for catch-up.
/// </summary>
sealed class SchedulingHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    readonly ServiceProvider _services;

    public RunHarness Runs { get; } = new();
    public RuleScheduler Rules { get; }
    public ScheduledRunStarter Starter { get; }
    public IScheduler Quartz { get; }

    /// <param name="postgres">Keep Quartz's triggers in this database, clustered, as a server on PostgreSQL does; null: in memory.</param>
    public SchedulingHarness(bool fakeClock = false, TempPostgres? postgres = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(fakeClock ? Runs.Clock : TimeProvider.System);
        services.AddSingleton(Runs.Catalog);
        services.AddSingleton(Runs.Coordinator);
        services.AddSingleton<IRunStore>(Runs.Db.Runs);
        if (postgres is null) services.AddQuartz(_ => { });
        else
        {
            services.AddSingleton(postgres.Database);
            services.AddQuartz(PostgresSchedulerStore.Use);
        }
        services.AddSingleton<ScheduledRunStarter>();
        services.AddSingleton<RuleScheduler>();
        _services = services.BuildServiceProvider();
        Rules = _services.GetRequiredService<RuleScheduler>();
        Starter = _services.GetRequiredService<ScheduledRunStarter>();
        Quartz = _services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public RuleCatalog Catalog => Runs.Catalog;

    /// <summary>A segmentation rule whose header carries <paramref name="headerLines"/> (e.g. its schedule).</summary>
    public Task AddRuleAsync(string name, params string[] headerLines) =>
        Runs.AddRuleAsync(name, string.Concat(headerLines.Select(l => $"// {l}\n")) + "SetSegment(\"seen\", \"yes\", \"scheduled\");");

    public async Task EditRuleAsync(string name, params string[] headerLines)
    {
        await File.WriteAllTextAsync(Path.Combine(Runs.RulesPath, $"{name}.csx"),
            "// kind: segmentation\n" + string.Concat(headerLines.Select(l => $"// {l}\n")) + "SetSegment(\"seen\", \"yes\", \"edited\");");
        await Catalog.SyncAsync();
    }

    public async Task<ICronTrigger?> TriggerOf(string rule) =>
        await Quartz.GetTrigger(new TriggerKey(rule, "rules"), CancellationToken.None) as ICronTrigger;

    public async Task<bool> HasJob(string rule) => await Quartz.Exists(new JobKey(rule, "rules"), CancellationToken.None);

    public IReadOnlyList<Run> ScheduledRuns(string rule) =>
        Runs.Db.Runs.List(new RunQuery(Rule: rule), new(100)).Items.Where(r => r.Trigger == RunTrigger.Schedule).ToList();

    /// <summary>Waits (up to <see cref="Patience"/>) until <paramref name="condition"/> holds; false when it never did.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < giveUp)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return await condition();
    }

    public async ValueTask DisposeAsync()
    {
        Rules.Dispose();
        await Quartz.Shutdown(false, CancellationToken.None);
        await _services.DisposeAsync();
        await Runs.DisposeAsync();
    }
}
