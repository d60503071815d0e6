using Npgsql;
using RuleEngine.Audit;
using RuleEngine.Storage;
using RuleEngine.Storage.Postgres;
using RuleEngine.Testing;

namespace RuleEngine.Tests.TestSupport;

/// <summary>
/// A fresh database on the test run's PostgreSQL server (started once, on first use, and stopped when the test process
/// ends), copied from a migrated template, with every store over it.
/// </summary>
public sealed class TempPostgres : TestStorage
{
    static readonly Lazy<(TemporaryPostgres Server, string Template)> Shared = new(() =>
    {
        var server = TemporaryPostgres.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        const string template = "ruleengine_template";
        var connectionString = server.CreateDatabase(template);
        using (var source = NpgsqlDataSource.Create(connectionString)) PostgresSchema.Migrate(source);
        NpgsqlConnection.ClearAllPools();
        return (server, template);
    });

    PostgresDatabase _database;

    public TempPostgres()
    {
        var (server, template) = Shared.Value;
        Name = "t" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\" TEMPLATE {template}", admin);
            create.ExecuteNonQuery();
        }
        ConnectionString = server.ConnectionString(Name);
        _database = Open();
    }

    public string Name { get; }
    public override string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"))).FullName;
    public string ConnectionString { get; }
    public PostgresDatabase Database => _database;

    PostgresDatabase Open()
    {
        var database = new PostgresDatabase(ConnectionString);
        PostgresSchema.Migrate(database.Source);
        return database;
    }

    public override string Backend => "postgres";
    public override ICustomerStore Customers => new PostgresCustomerStore(_database);
    public override IOrderStore Orders => new PostgresOrderStore(_database);
    public override IEventStore Events => new PostgresEventStore(_database);
    public override ICustomerStream Stream => new PostgresCustomerStream(_database);
    public override IOutcomeWriter Outcomes => new PostgresOutcomeWriter(_database);
    public override ISegmentStore Segments => new PostgresSegmentStore(_database);
    public override IScoreStore Scores => new PostgresScoreStore(_database);
    public override IPointsLedger Points => new PostgresPointsLedger(_database);
    public override IFollowUpStore FollowUps => new PostgresFollowUpStore(_database);
    public override IRuleVersionStore RuleVersions => new PostgresRuleVersionStore(_database);
    public override IRunStore Runs => new PostgresRunStore(_database);
    public override IAuditStore Audit => new PostgresAuditStore(_database);
    public override IBenefitStore Benefits => new PostgresBenefitStore(_database);
    public override ICatalogVersionStore CatalogVersions => new PostgresCatalogVersionStore(_database);
    public override ICustomerHistory History => new PostgresCustomerHistory(_database);
    public override ISegmentTrends Trends => new PostgresTrends(_database);
    public override IPointsTrends PointsTrends => new PostgresTrends(_database);
    public override ICustomerSearch Search => new PostgresCustomerSearch(_database);
    public override ITriggerOutbox Outbox => new PostgresTriggerOutbox(_database);
    public override ICustomerStandings Standings => new PostgresCustomerStandings(_database);
    public override IRunLocks RunLocks => new PostgresRunLocks(_database);

    public override async Task TamperWithAuditAsync(Action<SortedDictionary<long, AuditEntry>> edit)
    {
        await using var connection = await _database.Source.OpenConnectionAsync();
        var rows = new SortedDictionary<long, AuditEntry>();
        await using (var read = new NpgsqlCommand("SELECT sequence, body FROM audit", connection))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows[reader.GetInt64(0)] = PostgresSql.FromBody<AuditEntry>(reader, 1);
        edit(rows);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var clear = new NpgsqlCommand("DELETE FROM audit", connection, transaction)) await clear.ExecuteNonQueryAsync();
        foreach (var (position, entry) in rows)
        {
            await using var insert = connection.Command("INSERT INTO audit (sequence, at, type, actor, rule, body) VALUES ($1, $2, $3, $4, $5, $6)",
                position, entry.At, entry.Type, entry.Actor, entry.Rule, PostgresSql.Body(entry));
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public override async Task ReopenAsync()
    {
        await _database.DisposeAsync();
        _database = Open();
    }

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var admin = new NpgsqlConnection(Shared.Value.Server.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException) { } // the server is going away with the test run anyway
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
