using Npgsql;
using Quartz;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Quartz's clustered ADO job store on the server's PostgreSQL database (tables from migration 0002). The nodes check
/// in every few seconds; one that misses its check-ins for <see cref="DeadAfter"/> is declared dead and the fires it
/// had in flight are recovered by another. Runs are idempotent by their slot id, so a node declared dead while only
/// slow (a long pause) at worst starts a slot twice and gets the same run back.
/// </summary>
public static class PostgresSchedulerStore
{
    /// <summary>The name every node's scheduler shares: the cluster is the schedulers of one name on one database.</summary>
    public const string ClusterName = "RuleEngine";

    static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);
    static readonly TimeSpan DeadAfter = TimeSpan.FromSeconds(20);

    public static void Use(IQuartzBuilder quartz)
    {
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = ClusterName;
            // Unique per process (host name and start time): several nodes may run on one machine.
            o.GenerateInstanceId = true;
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(source => source.DataSourceFactory = services =>
            {
                // Resolving the database migrates the schema first, so Quartz's tables are there when it validates them.
                var database = (PostgresDatabase)services.GetService(typeof(PostgresDatabase))!;
                return NpgsqlDataSource.Create(ForScheduler(database.ConnectionString));
            });
            store.UseClustering(c =>
            {
                c.CheckinInterval = CheckinInterval;
                c.CheckinMisfireThreshold = DeadAfter;
            });
            store.ConfigureStore(o =>
            {
                o.SchemaProvisioning = SchemaProvisioning.Validate;
                // A statement blocked on QRTZ_LOCKS behind a session whose client is gone fails after this and is
                // retried, instead of stalling the node's scheduling (quartznet#3764).
                o.CommandTimeout = TimeSpan.FromSeconds(30);
            });
        });
    }

    /// <summary>
    /// The scheduler's own connections: named in pg_stat_activity, and a transaction left idle by a node that stopped
    /// mid-way is ended by the server within a minute, releasing the lock rows it held.
    /// </summary>
    static string ForScheduler(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName = $"{builder.ApplicationName ?? "ruleengine"}:scheduler";
        builder.Options = $"{builder.Options} -c idle_in_transaction_session_timeout=60000".Trim();
        return builder.ConnectionString;
    }
}
