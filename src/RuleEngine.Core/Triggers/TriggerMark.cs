namespace RuleEngine.Triggers;

/// <summary>
/// "This customer has something new for rules triggered by <paramref name="Kind"/>": what an ingest write records in
/// the trigger outbox, in the same transaction as the data. <paramref name="EventAt"/> is the earliest business time
/// (order or event time) of the rows that caused it.
/// </summary>
public sealed record TriggerMark(string CustomerId, string Kind, DateTime EventAt);

/// <summary>
/// One outbox entry: a customer waiting to be evaluated by the rules of one trigger kind. <paramref name="FirstIngestedAt"/>
/// is when the oldest not yet handled write committed (the lag is measured from it); <paramref name="Stamp"/> tells the
/// store's acknowledgement whether the customer was marked again after the entry was read (PostgreSQL: the entry's own
/// stamp, changed by every mark; LiteDB: the read's commit number, LiteDbOutboxMarks), so an entry is acknowledged
/// only if nothing arrived after it was read.
/// </summary>
public sealed record PendingTrigger(string CustomerId, string Kind, DateTime EarliestEventAt, DateTime FirstIngestedAt, long Stamp);

/// <summary>How many customers wait for one trigger kind, and since when the oldest waits.</summary>
public sealed record TriggerBacklog(string Kind, long Customers, DateTime? OldestIngestedAt);
