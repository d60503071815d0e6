using Microsoft.Extensions.Configuration;
using Quartz;
using RuleEngine.Storage.Postgres;

namespace RuleEngine.Storage;

/// <summary>
/// Where Quartz keeps its jobs and triggers, chosen with the storage backend: in memory beside LiteDB (one server; the
/// rule scheduler's catch-up covers a restart), or in the PostgreSQL database, clustered: every server of the cluster
/// shares the triggers and each slot fires on exactly one of them.
/// </summary>
public static class SchedulerStore
{
    public static void Use(IQuartzBuilder quartz, IConfiguration configuration)
    {
        var options = StorageOptions.Read(configuration);
        if (options.IsPostgres) PostgresSchedulerStore.Use(quartz);
        else quartz.UseInMemoryStore(_ => { });
    }
}
