using LiteDB;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;

namespace RuleEngine.Tests.TestSupport;

/// <summary>A real LiteDB file in a fresh temp folder with the writer and every store over it.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));
    public LiteDatabase Database { get; private set; }
    public LiteDbWriter Writer { get; private set; }

    public TempDatabase()
    {
        Database = LiteDbFile.Open(Folder);
        Writer = new LiteDbWriter(Database);
    }

    public LiteDbCustomerStore Customers => new(Database, Writer);
    public LiteDbOrderStore Orders => new(Database, Writer);
    public LiteDbEventStore Events => new(Database, Writer);
    public LiteDbCustomerStream Stream => new(Database);
    public LiteDbOutcomeWriter Outcomes => new(Database, Writer);
    public LiteDbSegmentStore Segments => new(Database);
    public LiteDbScoreStore Scores => new(Database);
    public LiteDbPointsLedger Points => new(Database);
    public LiteDbFollowUpStore FollowUps => new(Database, Writer);
    public LiteDbRuleVersionStore RuleVersions => new(Database, Writer);
    public LiteDbRunStore Runs => new(Database, Writer);
    public LiteDbAuditStore Audit => new(Database, Writer);
    public LiteDbBenefitStore Benefits => new(Database, Writer);
    public LiteDbCatalogVersionStore CatalogVersions => new(Database, Writer);
    public LiteDbCustomerHistory History => new(Database);
    public LiteDbSegmentTrends Trends => new(Database);
    public LiteDbPointsTrends PointsTrends => new(Database);
    public LiteDbCustomerSearch Search => new(Database);

    /// <summary>Closes the file (after the writer drained) and opens it again, as a restart would.</summary>
    public Task ReopenAsync() => ReopenAsync(_ => { });

    /// <summary>Closes the file, lets <paramref name="editClosedFile"/> change it as anyone with access to the file could, then reopens it.</summary>
    public async Task ReopenAsync(Action<LiteDatabase> editClosedFile)
    {
        await Writer.DisposeAsync();
        Database.Dispose();
        using (var raw = LiteDbFile.Open(Folder)) editClosedFile(raw);
        Database = LiteDbFile.Open(Folder);
        Writer = new LiteDbWriter(Database);
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        Database.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
