namespace RuleEngine.Domain.Outcomes;

/// <summary>A named number a rule computed for a customer (RFM score, churn risk, lifetime value...).</summary>
public sealed record Score
{
    public required string CustomerId { get; init; }
    public required string Name { get; init; }
    public required double Value { get; init; }
    public required OutcomeSource SetBy { get; init; }
    /// <summary>The rule's reason for the value (null for scores stored before reasons were kept).</summary>
    public string? Explanation { get; init; }
}

/// <summary>
/// One change of a customer's score: the value before (null: none), the value after, which run of which rule version
/// set it and why. Scores keep only their current value; these records are their history.
/// </summary>
public sealed record ScoreHistoryEntry
{
    public required string CustomerId { get; init; }
    public required string Name { get; init; }
    public double? From { get; init; }
    public required double To { get; init; }
    public required OutcomeSource Source { get; init; }
    public string? Explanation { get; init; }
}

/// <summary>A tag a rule put on a customer (rule tags live beside the tags ops load with the profile).</summary>
public sealed record CustomerTag
{
    public required string CustomerId { get; init; }
    public required string Tag { get; init; }
    public required OutcomeSource SetBy { get; init; }
}

public sealed record ScoreChange(string CustomerId, string Name, double Value, string? Explanation = null);

/// <summary>Add (<paramref name="Present"/> true) or remove a rule tag.</summary>
public sealed record TagChange(string CustomerId, string Tag, bool Present, string? Explanation = null);
