using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;

namespace RuleEngine.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The storage interfaces on the embedded LiteDB file under <see cref="RuleEngineOptions.DataPath"/>.
    /// Another backend would register the same interfaces; nothing outside <c>Storage/LiteDb</c> names LiteDB.
    /// </summary>
    public static IServiceCollection AddRuleEngineStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
            .Validate(o => o.ActivityCacheCustomers is >= 0 and <= 10_000_000, "RuleEngine:Storage:ActivityCacheCustomers must be between 0 and 10000000.")
            .Validate(o => o.RunCacheRuns is >= 0 and <= 1_000_000, "RuleEngine:Storage:RunCacheRuns must be between 0 and 1000000.")
            .ValidateOnStart();
        services.AddSingleton(sp => new ActivityCache(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ActivityCacheCustomers));
        services.AddSingleton(sp => new RunRecordCache(sp.GetRequiredService<IOptions<StorageOptions>>().Value.RunCacheRuns));
        services.AddSingleton(sp => LiteDbFile.OpenEngine(sp.GetRequiredService<IOptions<RuleEngineOptions>>().Value.FullDataPath));
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
        return services;
    }
}
