using RuleEngine.Triggers;

namespace RuleEngine.Storage;

/// <summary>
/// The durable trigger queue. Entries are written by the ingest stores inside their own write transaction (so an
/// acknowledged ingest always has its entry), read by the dispatcher, and removed only after the runs that handled them
/// applied their outcomes.
/// </summary>
public interface ITriggerOutbox
{
    /// <summary>
    /// Up to <paramref name="max"/> entries of the given kinds, the longest waiting first. On storage several servers share,
    /// the entries are claimed for a while by this read, so each server's dispatcher takes different customers.
    /// Entries of <paramref name="skipCustomers"/> (customers a batch still in flight is evaluating) are passed over and
    /// left waiting, unclaimed.
    /// </summary>
    IReadOnlyList<PendingTrigger> Oldest(IReadOnlyCollection<string> kinds, int max, IReadOnlySet<string>? skipCustomers = null);

    /// <summary>Removes the entries that were not marked again since they were read (their stamp is unchanged).</summary>
    Task AcknowledgeAsync(IReadOnlyList<PendingTrigger> handled, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes entries of kinds not in <paramref name="keep"/> that were created before <paramref name="createdBefore"/>
    /// (marked while no rule was known to want them: at start-up, or for a rule since removed); returns how many.
    /// </summary>
    Task<int> DiscardAsync(IReadOnlyCollection<string> keep, DateTime createdBefore, CancellationToken cancellationToken = default);

    /// <summary>Waiting customers per kind asked for.</summary>
    IReadOnlyList<TriggerBacklog> Backlog(IReadOnlyCollection<string> kinds);
}
