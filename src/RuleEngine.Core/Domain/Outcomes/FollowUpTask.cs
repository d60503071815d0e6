namespace RuleEngine.Domain.Outcomes;

/// <summary>
/// A call, message or visit someone has to make (a clinic callback, a complaint, a win-back call).
/// <see cref="Id"/> derives from rule, customer and <see cref="Key"/>: a rerun never creates the task twice.
/// </summary>
public sealed record FollowUpTask
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required DateTime Due { get; init; }
    /// <summary>phone, sms, wechat, email, visit...</summary>
    public required string Channel { get; init; }
    public string? Note { get; init; }
    public FollowUpStatus Status { get; init; } = FollowUpStatus.Open;
    public string? Outcome { get; init; }
    public string? Assignee { get; init; }
    public FollowUpPriority Priority { get; init; } = FollowUpPriority.Normal;
    public required string Key { get; init; }
    public required OutcomeSource Source { get; init; }
    public string? Explanation { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
}

public enum FollowUpStatus { Open, Done, Cancelled }

public enum FollowUpPriority { Low, Normal, High, Urgent }

/// <summary>A rule's request to create a task; ignored when the same rule already created <paramref name="Key"/> for the customer.</summary>
public sealed record FollowUpRequest(
    string CustomerId, string Key, DateTime Due, string Channel, string? Note = null,
    FollowUpPriority Priority = FollowUpPriority.Normal, string? Assignee = null, string? Explanation = null);

/// <summary>A rule's request to cancel its own open task <paramref name="Key"/> (e.g. the customer already came back).</summary>
public sealed record FollowUpCancellation(string CustomerId, string Key, string? Reason = null);
