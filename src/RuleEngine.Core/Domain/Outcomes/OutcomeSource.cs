namespace RuleEngine.Domain.Outcomes;

/// <summary>Which run of which rule version produced an outcome, and why: what auditors read.</summary>
public sealed record OutcomeSource
{
    public required string Rule { get; init; }
    /// <summary>The <see cref="Rules.RuleVersion.Hash"/> that ran.</summary>
    public required string RuleVersionHash { get; init; }
    public required string RunId { get; init; }
    /// <summary>When the outcome took effect (UTC); for a backfill, the run's as-of time.</summary>
    public required DateTime At { get; init; }
}
