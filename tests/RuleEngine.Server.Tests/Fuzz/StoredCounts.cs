using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.Postgres;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// How many records the collections (tables) a rejected request could touch hold. Read straight from the server's
/// own database, whichever backend it runs on: REST answers are paged and filtered, and would hide a stray record.
/// The audit log is left out on purpose: every refused ingest is audited.
/// </summary>
public sealed record StoredCounts(long Customers, long Orders, long Events, long Runs, long RuleVersions)
{
    public static StoredCounts Of(RuleEngineAppFactory server)
    {
        if (server.Services.GetService<PostgresDatabase>() is { } postgres)
        {
            long Rows(string table) => postgres.Read(c =>
            {
                using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", c);
                return (long)count.ExecuteScalar()!;
            });
            return new StoredCounts(Rows("customers"), Rows("orders"), Rows("events"), Rows("runs"), Rows("rule_versions"));
        }
        var database = server.Services.GetRequiredService<LiteDatabase>();
        long Count(string collection) => database.GetCollection(collection).Count();
        return new StoredCounts(Count(LiteDbCollections.Customers), Count(LiteDbCollections.Orders), Count(LiteDbCollections.Events),
            Count(LiteDbCollections.Runs), Count(LiteDbCollections.RuleVersions));
    }
}
