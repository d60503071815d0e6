using Microsoft.Extensions.DependencyInjection;

namespace RuleEngine.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>Bulk ingest over the storage interfaces; limits come from <see cref="IngestOptions"/>.</summary>
    public static IServiceCollection AddRuleEngineIngest(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>();
        services.AddSingleton<DataIngest>();
        return services;
    }
}
