using System.Text.Json;
using System.Text.Json.Serialization;
using RuleEngine.Demo;
using RuleEngine.Ingest;
using RuleEngine.Storage;

namespace RuleEngine.Server.Data;

public static class DataSetup
{
    /// <summary>Storage, ingest and demo seeding, with their options bound from configuration.</summary>
    public static WebApplicationBuilder AddRuleEngineData(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection(IngestOptions.Section));
        builder.Services.Configure<DemoDataOptions>(builder.Configuration.GetSection(DemoDataOptions.Section));
        builder.Services.AddRuleEngineStorage(builder.Configuration);
        builder.Services.AddRuleEngineIngest();
        builder.Services.AddDemoDataSeeding();
        // Enums as the contract spells them: "open", "refunded", "earn".
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }
}
