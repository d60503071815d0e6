namespace RuleEngine.Domain.Outcomes;

/// <summary>A named number a rule computed for a customer (RFM score, churn risk, lifetime value...).</summary>
public sealed record Score
{
    public required string CustomerId { get; init; }
    public required string Name { get; init; }
    public required double Value { get; init; }
    public required OutcomeSource SetBy { get; init; }
}

/// <summary>A tag a rule put on a customer (rule tags live beside the tags ops load with the profile).</summary>
public sealed record CustomerTag
{
    public required string CustomerId { get; init; }
    public required string Tag { get; init; }
    public required OutcomeSource SetBy { get; init; }
}

public sealed record ScoreChange(string CustomerId, string Name, double Value);

/// <summary>Add (<paramref name="Present"/> true) or remove a rule tag.</summary>
public sealed record TagChange(string CustomerId, string Tag, bool Present);
