using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// What rules have already decided about a customer, as of the run's clock: current segments, scores,
/// rule tags, the points ledger and open follow-up tasks. Loaded only when a rule reads it.
/// </summary>
public sealed record CustomerState
{
    public static CustomerState Empty { get; } = new();

    /// <summary>Current segment value by kind (e.g. "tier" → "gold").</summary>
    public IReadOnlyDictionary<string, string> Segments { get; init; } = new Dictionary<string, string>();
    /// <summary>Current scores by name.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; init; } = new Dictionary<string, double>();
    /// <summary>Tags rules have put on the customer.</summary>
    public IReadOnlySet<string> RuleTags { get; init; } = new HashSet<string>();
    /// <summary>The points ledger, oldest first.</summary>
    public IReadOnlyList<PointsEntry> Ledger { get; init; } = [];
    /// <summary>The customer's open follow-up tasks (of every rule).</summary>
    public IReadOnlyList<FollowUpTask> OpenTasks { get; init; } = [];
}
