using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage;

/// <summary>Filters for listing follow-up tasks; null means any.</summary>
public sealed record FollowUpQuery(FollowUpStatus? Status = null, DateTime? DueBefore = null, string? CustomerId = null);

public interface IFollowUpStore
{
    FollowUpTask? Find(string id);

    /// <summary>Tasks ordered by due time (then id).</summary>
    Page<FollowUpTask> List(FollowUpQuery query, PageRequest page);

    /// <summary>Every task of these customers (open or not), each customer's ordered by due time (then id).</summary>
    IReadOnlyList<FollowUpTask> ForCustomers(IReadOnlyCollection<string> customerIds);

    /// <summary>
    /// Closes or reopens a task as someone worked it; null when there is no such task.
    /// <paramref name="outcome"/> null keeps the outcome already recorded.
    /// </summary>
    Task<FollowUpTask?> UpdateStatusAsync(string id, FollowUpStatus status, string? outcome, CancellationToken cancellationToken = default);
}
