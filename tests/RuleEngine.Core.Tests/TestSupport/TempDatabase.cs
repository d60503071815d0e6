using LiteDB;
using RuleEngine.Audit;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb.Outcomes;

namespace RuleEngine.Tests.TestSupport;

/// <summary>A real LiteDB file in a fresh temp folder with the writer and every store over it.</summary>
public sealed class TempDatabase : TestStorage
{
    public override string Folder { get; } = Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));
    public LiteDatabase Database { get; private set; }
    public LiteDbWriter Writer { get; private set; }

    /// <summary>The standings <see cref="Standings"/> serves from memory, kept by every write through the engine, as in the server.</summary>
    public CustomerStandingCache StandingCache { get; private set; } = null!;

    public TempDatabase()
    {
        Database = LiteDbFile.Open(Folder);
        Writer = new LiteDbWriter(Database);
        KeepStandings();
    }

    void KeepStandings()
    {
        StandingCache = new CustomerStandingCache(capacity: 1_000);
        LiteDbFile.EngineOf(Database)!.KeepStandings(StandingCache);
    }

    public override ICustomerStore Customers => new LiteDbCustomerStore(Database, Writer);
    public override IOrderStore Orders => new LiteDbOrderStore(Database, Writer);
    public override IEventStore Events => new LiteDbEventStore(Database, Writer);
    public override ICustomerStream Stream => new LiteDbCustomerStream(Database);
    public override IOutcomeWriter Outcomes => new LiteDbOutcomeWriter(Database, Writer);
    public override ISegmentStore Segments => new LiteDbSegmentStore(Database);
    public override IScoreStore Scores => new LiteDbScoreStore(Database);
    public override IPointsLedger Points => new LiteDbPointsLedger(Database);
    public override IFollowUpStore FollowUps => new LiteDbFollowUpStore(Database, Writer);
    public override IRuleVersionStore RuleVersions => new LiteDbRuleVersionStore(Database, Writer);
    public override IRunStore Runs => new LiteDbRunStore(Database, Writer);
    public override IAuditStore Audit => new LiteDbAuditStore(Database, Writer);
    public override IBenefitStore Benefits => new LiteDbBenefitStore(Database, Writer);
    public override ICatalogVersionStore CatalogVersions => new LiteDbCatalogVersionStore(Database, Writer);
    public override ICustomerHistory History => new LiteDbCustomerHistory(Database);
    public override ISegmentTrends Trends => new LiteDbSegmentTrends(Database);
    public override IPointsTrends PointsTrends => new LiteDbPointsTrends(Database);
    public override ICustomerSearch Search => new LiteDbCustomerSearch(Database);
    public override ITriggerOutbox Outbox => new LiteDbTriggerOutbox(Database, Writer);
    public override ICustomerStandings Standings => new LiteDbCustomerStandings(Database, Customers, Segments, Scores, Points, FollowUps, StandingCache);
    public override string Backend => "litedb";
    public override IRunLocks RunLocks { get; } = new LocalRunLocks();

    public override Task TamperWithAuditAsync(Action<SortedDictionary<long, AuditEntry>> edit) => ReopenAsync(raw =>
    {
        var audit = raw.GetCollection(LiteDbCollections.Audit);
        var rows = new SortedDictionary<long, AuditEntry>(audit.FindAll().ToDictionary(AuditBson.Position, AuditBson.ToEntry));
        edit(rows);
        audit.DeleteAll();
        foreach (var (position, entry) in rows)
        {
            var document = AuditBson.ToBson(entry);
            document["_id"] = position;
            audit.Insert(document);
        }
    });

    /// <summary>Closes the file (after the writer drained) and opens it again, as a restart would.</summary>
    public override Task ReopenAsync() => ReopenAsync(_ => { });

    /// <summary>Closes the file, lets <paramref name="editClosedFile"/> change it as anyone with access to the file could, then reopens it.</summary>
    public async Task ReopenAsync(Action<LiteDatabase> editClosedFile)
    {
        await Writer.DisposeAsync();
        Database.Dispose();
        using (var raw = LiteDbFile.Open(Folder)) editClosedFile(raw);
        Database = LiteDbFile.Open(Folder);
        Writer = new LiteDbWriter(Database);
        KeepStandings();
    }

    public override async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        Database.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
