using RuleEngine.Domain;
using RuleEngine.Triggers;

namespace RuleEngine.Storage;

/// <summary>Customer profiles as ops load them.</summary>
public interface ICustomerStore
{
    Customer? Find(string id);

    /// <summary>The ids among <paramref name="ids"/> that no customer has: what ingest rejects orders and events for.</summary>
    IReadOnlySet<string> FindMissing(IReadOnlyCollection<string> ids);

    long Count();

    /// <summary>Inserts or replaces by id; completes once durable.</summary>
    Task UpsertAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default) => UpsertAsync(customers, null, cancellationToken);

    /// <summary>Inserts or replaces by id and records <paramref name="triggers"/> in the trigger outbox, in one transaction.</summary>
    Task UpsertAsync(IReadOnlyList<Customer> customers, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken);
}

/// <summary>Orders, keyed by the caller's id and indexed by customer.</summary>
public interface IOrderStore
{
    IReadOnlyList<Order> ForCustomer(string customerId);

    Task UpsertAsync(IReadOnlyList<Order> orders, CancellationToken cancellationToken = default) => UpsertAsync(orders, null, cancellationToken);

    /// <inheritdoc cref="ICustomerStore.UpsertAsync(IReadOnlyList{Customer}, IReadOnlyList{TriggerMark}?, CancellationToken)"/>
    Task UpsertAsync(IReadOnlyList<Order> orders, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken);
}

/// <summary>Interaction events, keyed by the caller's id and indexed by customer.</summary>
public interface IEventStore
{
    IReadOnlyList<InteractionEvent> ForCustomer(string customerId);

    Task UpsertAsync(IReadOnlyList<InteractionEvent> events, CancellationToken cancellationToken = default) => UpsertAsync(events, null, cancellationToken);

    /// <inheritdoc cref="ICustomerStore.UpsertAsync(IReadOnlyList{Customer}, IReadOnlyList{TriggerMark}?, CancellationToken)"/>
    Task UpsertAsync(IReadOnlyList<InteractionEvent> events, IReadOnlyList<TriggerMark>? triggers, CancellationToken cancellationToken);
}
