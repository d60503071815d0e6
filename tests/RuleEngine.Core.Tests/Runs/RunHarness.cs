using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Domain;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scripting;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Runs;

/// <summary>A rules folder, a real LiteDB file, the catalog, the runner and the coordinator, wired as the server wires them.</summary>
sealed class RunHarness : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    public TempDatabase Db { get; } = new();
    public string RulesPath { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Now));
    public RuleCatalog Catalog { get; }
    public RunCoordinator Coordinator { get; }
    public RuleRunner Runner { get; }
    public RunOptions Options { get; } = new() { PageSize = 3 };
    public RecordingLogger<RunCoordinator> CoordinatorLog { get; } = new();
    /// <summary>The benefits catalog of the harness's rules folder (write <c>catalog.json</c> there, then sync it).</summary>
    public RuleEngine.Benefits.Catalog.BenefitCatalogKeeper Benefits { get; }

    /// <param name="stream">Stands in for the database's customer stream (to watch what a run reads).</param>
    /// <summary>The rule workers, when the harness evaluates in worker processes.</summary>
    public RuleEngine.Runs.Isolation.RuleWorkerPool? Workers { get; }

    /// <param name="outcomes">Stands in for the database's outcome writer (to make writes fail).</param>
    /// <param name="inWorkers">Evaluates rules in worker processes (<see cref="RuleEvaluation.Worker"/>), as the server can.</param>
    public RunHarness(Func<ICustomerStream, ICustomerStream>? stream = null, Func<IOutcomeWriter, IOutcomeWriter>? outcomes = null, bool inWorkers = false)
    {
        if (inWorkers)
        {
            Options.Evaluation = RuleEvaluation.Worker;
            Workers = new RuleEngine.Runs.Isolation.RuleWorkerPool(Microsoft.Extensions.Options.Options.Create(Options),
                NullLogger<RuleEngine.Runs.Isolation.RuleWorkerPool>.Instance);
        }
        RulesPath = Path.Combine(Db.Folder, "rules");
        Directory.CreateDirectory(RulesPath);
        var options = new RuleEngineOptions { RulesPath = RulesPath, DataPath = Db.Folder };
        Catalog = new RuleCatalog(options, new RuleCompiler(new CompileCache(Path.Combine(Db.Folder, "cache"))), Db.RuleVersions, [],
            Clock, NullLogger<RuleCatalog>.Instance);
        Benefits = new RuleEngine.Benefits.Catalog.BenefitCatalogKeeper(options, Db.CatalogVersions, Clock,
            NullLogger<RuleEngine.Benefits.Catalog.BenefitCatalogKeeper>.Instance);
        Runner = new RuleRunner(stream?.Invoke(Db.Stream) ?? Db.Stream, Db.Customers, outcomes?.Invoke(Db.Outcomes) ?? Db.Outcomes, Db.Runs,
            new CustomerStateReader(Db.Segments, Db.Scores, Db.Points, Db.FollowUps), Microsoft.Extensions.Options.Options.Create(Options),
            Clock, NullLogger<RuleRunner>.Instance, benefits: Benefits, workers: Workers);
        Coordinator = new RunCoordinator(Catalog, Runner, Db.Runs, Microsoft.Extensions.Options.Options.Create(Options), Clock,
            CoordinatorLog);
    }

    public async Task AddRuleAsync(string name, string body, string kind = "segmentation")
    {
        await File.WriteAllTextAsync(Path.Combine(RulesPath, $"{name}.csx"), $"// kind: {kind}\n{body}");
        await Catalog.SyncAsync();
        Assert.True(Catalog.Find(name)?.Active is not null, string.Join("\n", Catalog.Find(name)?.Diagnostics ?? []));
    }

    public async Task AddCustomersAsync(params (string Id, decimal[] Spend)[] customers)
    {
        await Db.Customers.UpsertAsync(customers.Select(c => new Customer { Id = c.Id, JoinedAt = Now.AddYears(-2) }).ToList());
        var orders = customers.SelectMany(c => c.Spend.Select((amount, i) => new Order
        {
            Id = $"{c.Id}-o{i}", CustomerId = c.Id, Amount = amount, At = Now.AddDays(-10 - i * 30),
        })).ToList();
        if (orders.Count > 0) await Db.Orders.UpsertAsync(orders);
    }

    /// <summary>Triggers a run and executes it now, as a coordinator worker would.</summary>
    public async Task<Run> RunAsync(string rule, bool dryRun = false, DateTime? asOf = null, IReadOnlyList<string>? customerIds = null)
    {
        var run = await Coordinator.TriggerAsync(new RunRequest
        {
            Rule = rule, TriggeredBy = "test", DryRun = dryRun, AsOf = asOf, CustomerIds = customerIds,
        });
        return (await Coordinator.ExecuteAsync(run.Id, CancellationToken.None))!;
    }

    public ValueTask DisposeAsync()
    {
        Workers?.Dispose();
        return Db.DisposeAsync();
    }
}
