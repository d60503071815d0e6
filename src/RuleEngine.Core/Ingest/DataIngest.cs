using Microsoft.Extensions.Options;
using RuleEngine.Domain;
using RuleEngine.Ingest.Mapping;
using RuleEngine.Storage;
using RuleEngine.Triggers;

namespace RuleEngine.Ingest;

/// <summary>
/// Bulk upsert of customers, orders and events from a streamed body (see docs/storage.md). Each batch's write also
/// records, in the same transaction, which customers the triggered rules must look at again (see docs/architecture.md,
/// "Event triggers"); <paramref name="triggers"/> says which kinds any rule listens to.
/// </summary>
public sealed class DataIngest(
    ICustomerStore customers, IOrderStore orders, IEventStore events, IOptions<IngestOptions> options,
    TriggerInterest? triggers = null, TriggerSignal? signal = null, TimeProvider? clock = null)
{
    /// <exception cref="IngestLimitExceededException">The body or the row count broke a limit.</exception>
    public Task<IngestResult> CustomersAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        new IngestPipeline<Customer>(new CustomerRowMapper(),
                (batch, ct) => Signalled(customers.UpsertAsync(batch, triggers?.ForCustomers(batch, Now()), ct)), customers, options.Value)
            .RunAsync(body, format, partial, cancellationToken);

    /// <inheritdoc cref="CustomersAsync"/>
    public Task<IngestResult> OrdersAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        new IngestPipeline<Order>(new OrderRowMapper(),
                (batch, ct) => Signalled(orders.UpsertAsync(batch, triggers?.ForOrders(batch), ct)), customers, options.Value)
            .RunAsync(body, format, partial, cancellationToken);

    /// <inheritdoc cref="CustomersAsync"/>
    public Task<IngestResult> EventsAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        new IngestPipeline<InteractionEvent>(new EventRowMapper(),
                (batch, ct) => Signalled(events.UpsertAsync(batch, triggers?.ForEvents(batch), ct)), customers, options.Value)
            .RunAsync(body, format, partial, cancellationToken);

    /// <summary>Wakes the dispatcher once the batch (and its outbox entries) committed.</summary>
    async Task Signalled(Task write)
    {
        await write;
        signal?.Raise();
    }

    DateTime Now() => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
}
