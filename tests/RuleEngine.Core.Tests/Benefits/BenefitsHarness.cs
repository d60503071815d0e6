using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Audit;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Benefits.Draws;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Benefits;

/// <summary>Real storage (LiteDB or PostgreSQL) with the benefits service over it, as the server wires it, and a catalog in force.</summary>
public sealed class BenefitsHarness : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    public TestStorage Db { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Now));
    public BenefitCatalogKeeper Catalog { get; }
    public AuditLog Audit { get; }
    public byte[] Secret { get; } = Convert.FromBase64String("c2VjcmV0LWtleS1vZi10aGUtdGVzdHMtMzItYnl0ZXMh");
    public BenefitsService Service { get; }

    public BenefitsHarness(TestStorage db)
    {
        Db = db;
        var options = new RuleEngineOptions { RulesPath = Path.Combine(Db.Folder, "rules"), DataPath = Db.Folder };
        Catalog = new BenefitCatalogKeeper(options, Db.CatalogVersions, Clock, NullLogger<BenefitCatalogKeeper>.Instance);
        Audit = new AuditLog(Db.Audit, Clock, NullLogger<AuditLog>.Instance);
        Service = new BenefitsService(Catalog, Db.Benefits, Db.Customers, Db.Events, Db.Segments,
            DrawSecret.Load(Convert.ToBase64String(Secret), Db.Folder), Microsoft.Extensions.Options.Options.Create(new BenefitsOptions()), Clock, Audit);
    }

    public static async Task<BenefitsHarness> StartAsync(TestStorage db, string catalog = TestCatalogs.Small)
    {
        var harness = new BenefitsHarness(db);
        var (_, activated) = await harness.Catalog.SaveAsync(catalog, "test");
        Assert.True(activated, string.Join("\n", harness.Catalog.State.Diagnostics));
        return harness;
    }

    /// <summary>Customers with this many points each, earned by a rule.</summary>
    public async Task AddMembersAsync(long points, params string[] ids)
    {
        await Db.Customers.UpsertAsync(ids.Select(id => new Customer { Id = id, JoinedAt = Now.AddYears(-1) }).ToList());
        if (points == 0) return;
        await Db.Outcomes.ApplyAsync(new OutcomeBatch
        {
            Source = new OutcomeSource { Rule = "seed", RuleVersionHash = "h", RunId = "r", At = Now.AddDays(-1) },
            Points = ids.Select(id => new PointsGrant(id, PointsEntryType.Earn, points, "seed", "seed")).ToList(),
        });
    }

    public long Balance(string id) => Db.Points.BalanceOf(id);

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
