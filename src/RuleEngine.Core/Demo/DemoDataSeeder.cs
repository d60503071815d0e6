using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Storage;

namespace RuleEngine.Demo;

/// <summary>Fills an empty database with the demo data at start-up when <c>RuleEngine:SeedDemoData</c> is true.</summary>
public sealed class DemoDataSeeder(
    IOptions<RuleEngineOptions> options, IOptions<DemoDataOptions> demo, ICustomerStore customers, IOrderStore orders,
    IEventStore events, DemoSeedStatus status, ILogger<DemoDataSeeder> logger) : IHostedService
{
    private const int CustomersPerBatch = 1_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || customers.Count() > 0) return;
        var size = demo.Value.Customers;
        logger.LogInformation("Seeding {Customers} demo customers (seed {Seed})", size, demo.Value.Seed);
        await SeedAsync(new DemoDataGenerator(demo.Value.Seed).Generate(size), customers, orders, events, cancellationToken);
        status.SeededThisStart = true;
    }

    /// <summary>Writes generated customers in batches: customers first, so their orders and events always have them.</summary>
    public static async Task SeedAsync(
        IEnumerable<DemoCustomer> data, ICustomerStore customers, IOrderStore orders, IEventStore events, CancellationToken cancellationToken)
    {
        foreach (var batch in data.Chunk(CustomersPerBatch))
        {
            await customers.UpsertAsync(batch.Select(c => c.Customer).ToList(), cancellationToken);
            await orders.UpsertAsync(batch.SelectMany(c => c.Orders).ToList(), cancellationToken);
            await events.UpsertAsync(batch.SelectMany(c => c.Events).ToList(), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class DemoDataServiceCollectionExtensions
{
    public static IServiceCollection AddDemoDataSeeding(this IServiceCollection services)
    {
        services.AddOptions<DemoDataOptions>();
        services.AddSingleton<DemoSeedStatus>();
        services.AddHostedService<DemoDataSeeder>();
        return services;
    }
}
