using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Postgres;

namespace RuleEngine.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The storage interfaces on the backend <c>RuleEngine:Storage:Provider</c> names: the embedded LiteDB file under
    /// <see cref="RuleEngineOptions.DataPath"/> (the default), or PostgreSQL at <c>RuleEngine:Storage:ConnectionString</c>.
    /// Both register the same interfaces; nothing outside <c>Storage/LiteDb</c> and <c>Storage/Postgres</c> names either.
    /// </summary>
    public static IServiceCollection AddRuleEngineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => o.ActivityCacheCustomers is >= 0 and <= 10_000_000, "RuleEngine:Storage:ActivityCacheCustomers must be between 0 and 10000000.")
            .Validate(o => o.ActivityCacheMegabytes is >= 1 and <= 1_000_000, "RuleEngine:Storage:ActivityCacheMegabytes must be between 1 and 1000000.")
            .Validate(o => o.LiteDbTransactionMegabytes is >= 8 and <= 800, "RuleEngine:Storage:LiteDbTransactionMegabytes must be between 8 and 800.")
            .Validate(o => o.RunCacheRuns is >= 0 and <= 1_000_000, "RuleEngine:Storage:RunCacheRuns must be between 0 and 1000000.")
            .Validate(o => o.LiteDbCheckpointPages is >= 100 and <= 1_000_000, "RuleEngine:Storage:LiteDbCheckpointPages must be between 100 and 1000000.")
            .Validate(o => o.RunCacheMegabytes is >= 1 and <= 1_000_000, "RuleEngine:Storage:RunCacheMegabytes must be between 1 and 1000000.")
            .Validate(o => o.StandingCacheCustomers is >= 0 and <= 10_000_000, "RuleEngine:Storage:StandingCacheCustomers must be between 0 and 10000000.")
            .Validate(o => o.StandingCacheMegabytes is >= 1 and <= 1_000_000, "RuleEngine:Storage:StandingCacheMegabytes must be between 1 and 1000000.")
            .ValidateOnStart();
        var options = StorageOptions.Read(configuration);
        return options.IsPostgres ? services.AddPostgresStorage(options.RequiredConnectionString) : services.AddLiteDbStorage();
    }

    static IServiceCollection AddLiteDbStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new ActivityCache(options.ActivityCacheCustomers, options.ActivityCacheMegabytes * 1024L * 1024L);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new RunRecordCache(options.RunCacheRuns, options.RunCacheMegabytes * 1024L * 1024L);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new CustomerStandingCache(options.StandingCacheCustomers, options.StandingCacheMegabytes * 1024L * 1024L);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var engine = LiteDbFile.OpenEngine(sp.GetRequiredService<IOptions<RuleEngineOptions>>().Value.FullDataPath,
                options.LiteDbTransactionMegabytes, options.LiteDbCheckpointPages);
            engine.KeepStandings(sp.GetRequiredService<CustomerStandingCache>());
            return engine;
        });
        services.AddSingleton(sp => LiteDbFile.Open(sp.GetRequiredService<SerializedLiteEngine>()));
        // Created after (so disposed before) the database: disposing drains the queue into the file first.
        services.AddSingleton(sp => new LiteDbWriter(sp.GetRequiredService<LiteDatabase>()));
        services.AddSingleton<IStorageHealth, LiteDbHealth>();
        services.AddSingleton<ICustomerStore, LiteDbCustomerStore>();
        services.AddSingleton<IOrderStore, LiteDbOrderStore>();
        services.AddSingleton<IEventStore, LiteDbEventStore>();
        services.AddSingleton<ICustomerStream, LiteDbCustomerStream>();
        services.AddSingleton<IOutcomeWriter, LiteDbOutcomeWriter>();
        services.AddSingleton<ISegmentStore, LiteDbSegmentStore>();
        services.AddSingleton<ISegmentTrends, LiteDbSegmentTrends>();
        services.AddSingleton<IPointsTrends, LiteDbPointsTrends>();
        services.AddSingleton<ICustomerHistory, LiteDbCustomerHistory>();
        services.AddSingleton<ICustomerSearch, LiteDbCustomerSearch>();
        services.AddSingleton<ICustomerStandings, LiteDbCustomerStandings>();
        services.AddSingleton<IScoreStore, LiteDbScoreStore>();
        services.AddSingleton<IPointsLedger, LiteDbPointsLedger>();
        services.AddSingleton<IFollowUpStore, LiteDbFollowUpStore>();
        services.AddSingleton<IRuleVersionStore, LiteDbRuleVersionStore>();
        services.AddSingleton<IRunStore, LiteDbRunStore>();
        services.AddSingleton<IAuditStore, LiteDbAuditStore>();
        services.AddSingleton<IBenefitStore, LiteDbBenefitStore>();
        services.AddSingleton<ICatalogVersionStore, LiteDbCatalogVersionStore>();
        services.AddSingleton<ITriggerOutbox, LiteDbTriggerOutbox>();
        services.AddSingleton<IRunLocks, LocalRunLocks>();
        return services;
    }

    /// <summary>PostgreSQL: the schema is created or migrated when the database is first resolved (at start-up).</summary>
    static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ =>
        {
            var database = new PostgresDatabase(connectionString);
            PostgresSchema.Migrate(database.Source);
            return database;
        });
        services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<PostgresCustomerStore>();
        services.AddSingleton<ICustomerStore>(sp => sp.GetRequiredService<PostgresCustomerStore>());
        services.AddSingleton<IOrderStore, PostgresOrderStore>();
        services.AddSingleton<IEventStore, PostgresEventStore>();
        services.AddSingleton<ICustomerStream, PostgresCustomerStream>();
        services.AddSingleton<IOutcomeWriter, PostgresOutcomeWriter>();
        services.AddSingleton<ISegmentStore, PostgresSegmentStore>();
        services.AddSingleton<PostgresTrends>();
        services.AddSingleton<ISegmentTrends>(sp => sp.GetRequiredService<PostgresTrends>());
        services.AddSingleton<IPointsTrends>(sp => sp.GetRequiredService<PostgresTrends>());
        services.AddSingleton<ICustomerHistory, PostgresCustomerHistory>();
        services.AddSingleton<ICustomerSearch, PostgresCustomerSearch>();
        services.AddSingleton<ICustomerStandings, PostgresCustomerStandings>();
        services.AddSingleton<IScoreStore, PostgresScoreStore>();
        services.AddSingleton<IPointsLedger, PostgresPointsLedger>();
        services.AddSingleton<IFollowUpStore, PostgresFollowUpStore>();
        services.AddSingleton<IRuleVersionStore, PostgresRuleVersionStore>();
        services.AddSingleton<IRunStore, PostgresRunStore>();
        services.AddSingleton<IAuditStore, PostgresAuditStore>();
        services.AddSingleton<IBenefitStore, PostgresBenefitStore>();
        services.AddSingleton<ICatalogVersionStore, PostgresCatalogVersionStore>();
        services.AddSingleton<ITriggerOutbox, PostgresTriggerOutbox>();
        services.AddSingleton<IRunLocks, PostgresRunLocks>();
        services.AddSingleton<IRunRanges, PostgresRunRanges>();
        return services;
    }
}
