using RuleEngine.Audit;
using RuleEngine.Storage;

namespace RuleEngine.Tests.TestSupport;

/// <summary>
/// Every store of one backend over a fresh, empty database: what the storage contract tests run against, once on
/// LiteDB (<see cref="TempDatabase"/>) and once on PostgreSQL (<see cref="TempPostgres"/>).
/// </summary>
public abstract class TestStorage : IAsyncDisposable
{
    public abstract string Backend { get; }

    /// <summary>A temp folder of this storage's own, for the files a test's server would keep beside it (rules, secrets).</summary>
    public abstract string Folder { get; }
    public abstract ICustomerStore Customers { get; }
    public abstract IOrderStore Orders { get; }
    public abstract IEventStore Events { get; }
    public abstract ICustomerStream Stream { get; }
    public abstract IOutcomeWriter Outcomes { get; }
    public abstract ISegmentStore Segments { get; }
    public abstract IScoreStore Scores { get; }
    public abstract IPointsLedger Points { get; }
    public abstract IFollowUpStore FollowUps { get; }
    public abstract IRuleVersionStore RuleVersions { get; }
    public abstract IRunStore Runs { get; }
    public abstract IAuditStore Audit { get; }
    public abstract IBenefitStore Benefits { get; }
    public abstract ICatalogVersionStore CatalogVersions { get; }
    public abstract ICustomerHistory History { get; }
    public abstract ISegmentTrends Trends { get; }
    public abstract IPointsTrends PointsTrends { get; }
    public abstract ICustomerSearch Search { get; }
    public abstract ITriggerOutbox Outbox { get; }
    public abstract ICustomerStandings Standings { get; }
    public abstract IRunLocks RunLocks { get; }

    /// <summary>
    /// Replaces the stored audit chain with <paramref name="edit"/>'s rows (position → entry) while the database is
    /// closed to the stores: what someone with access to the file or the database could do behind the server's back.
    /// </summary>
    public abstract Task TamperWithAuditAsync(Action<SortedDictionary<long, AuditEntry>> edit);

    /// <summary>Closes the database and opens it again, as a restart would.</summary>
    public abstract Task ReopenAsync();

    public abstract ValueTask DisposeAsync();
}
