using Microsoft.Extensions.Options;
using RuleEngine.Domain;
using RuleEngine.Ingest.Mapping;
using RuleEngine.Storage;

namespace RuleEngine.Ingest;

/// <summary>Bulk upsert of customers, orders and events from a streamed body (see docs/storage.md).</summary>
public sealed class DataIngest(ICustomerStore customers, IOrderStore orders, IEventStore events, IOptions<IngestOptions> options)
{
    /// <exception cref="IngestLimitExceededException">The body or the row count broke a limit.</exception>
    public Task<IngestResult> CustomersAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        new IngestPipeline<Customer>(new CustomerRowMapper(), customers.UpsertAsync, customers, options.Value)
            .RunAsync(body, format, partial, cancellationToken);

    /// <inheritdoc cref="CustomersAsync"/>
    public Task<IngestResult> OrdersAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        new IngestPipeline<Order>(new OrderRowMapper(), orders.UpsertAsync, customers, options.Value)
            .RunAsync(body, format, partial, cancellationToken);

    /// <inheritdoc cref="CustomersAsync"/>
    public Task<IngestResult> EventsAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        new IngestPipeline<InteractionEvent>(new EventRowMapper(), events.UpsertAsync, customers, options.Value)
            .RunAsync(body, format, partial, cancellationToken);
}
