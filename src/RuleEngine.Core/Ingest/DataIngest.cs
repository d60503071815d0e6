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
        RunAsync(new CustomerRowMapper(), customers.UpsertAsync, customers as IAtomicUpsert<Customer>, batch => triggers?.ForCustomers(batch, Now()),
            body, format, partial, cancellationToken);

    /// <inheritdoc cref="CustomersAsync"/>
    public Task<IngestResult> OrdersAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        RunAsync(new OrderRowMapper(), orders.UpsertAsync, orders as IAtomicUpsert<Order>, batch => triggers?.ForOrders(batch),
            body, format, partial, cancellationToken);

    /// <inheritdoc cref="CustomersAsync"/>
    public Task<IngestResult> EventsAsync(Stream body, IngestFormat format, bool partial, CancellationToken cancellationToken = default) =>
        RunAsync(new EventRowMapper(), events.UpsertAsync, events as IAtomicUpsert<InteractionEvent>, batch => triggers?.ForEvents(batch),
            body, format, partial, cancellationToken);

    Task<IngestResult> RunAsync<T>(IRowMapper<T> mapper, Func<IReadOnlyList<T>, IReadOnlyList<TriggerMark>?, CancellationToken, Task> upsert,
        IAtomicUpsert<T>? atomic, Func<IReadOnlyList<T>, IReadOnlyList<TriggerMark>?> marks, Stream body, IngestFormat format, bool partial,
        CancellationToken cancellationToken) =>
        // Each commit wakes the dispatcher: the batch's outbox entries are committed with it.
        new IngestPipeline<T>(mapper, new IngestTarget<T>(upsert, atomic, marks, () => signal?.Raise()), customers, options.Value)
            .RunAsync(body, format, partial, cancellationToken);

    DateTime Now() => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
}
