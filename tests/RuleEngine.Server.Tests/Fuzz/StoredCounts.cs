using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using RuleEngine.Server.Tests.TestHost;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// How many documents the collections a rejected request could touch hold. Read straight from the server's
/// own database: REST answers are paged and filtered, and would hide a stray document.
/// The audit log is left out on purpose: every refused ingest is audited.
/// </summary>
public sealed record StoredCounts(int Customers, int Orders, int Events, int Runs, int RuleVersions)
{
    public static StoredCounts Of(RuleEngineAppFactory server)
    {
        var database = server.Services.GetRequiredService<LiteDatabase>();
        int Count(string collection) => database.GetCollection(collection).Count();
        return new StoredCounts(Count(LiteDbCollections.Customers), Count(LiteDbCollections.Orders), Count(LiteDbCollections.Events),
            Count(LiteDbCollections.Runs), Count(LiteDbCollections.RuleVersions));
    }
}
