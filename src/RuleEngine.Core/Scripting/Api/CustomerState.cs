using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// What rules have already decided about a customer, as of the run's clock: current segments, scores,
/// rule tags, the points ledger and open follow-up tasks. Loaded only when a rule reads it, and only the parts it
/// reads (<see cref="StateParts"/>): a rule asking for the tier should not pay for reading the whole points ledger.
/// </summary>
public sealed record CustomerState
{
    public static CustomerState Empty { get; } = new();

    /// <summary>This state with <paramref name="parts"/> taken from <paramref name="other"/>.</summary>
    public CustomerState With(StateParts parts, CustomerState other) => this with
    {
        Segments = parts.HasFlag(StateParts.Segments) ? other.Segments : Segments,
        Scores = parts.HasFlag(StateParts.Scores) ? other.Scores : Scores,
        RuleTags = parts.HasFlag(StateParts.Tags) ? other.RuleTags : RuleTags,
        Ledger = parts.HasFlag(StateParts.Ledger) ? other.Ledger : Ledger,
        OpenTasks = parts.HasFlag(StateParts.Tasks) ? other.OpenTasks : OpenTasks,
    };

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

/// <summary>The parts of a <see cref="CustomerState"/>, each read from its own store, so each loaded on its own.</summary>
[Flags]
public enum StateParts
{
    None = 0,
    Segments = 1,
    Scores = 2,
    Tags = 4,
    Ledger = 8,
    Tasks = 16,
    All = Segments | Scores | Tags | Ledger | Tasks,
}
