using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Scripting.Api;

/// <summary>What rules already decided about the customer, and statistics over all customers.</summary>
public abstract partial class RuleScript
{
    /// <summary>The customer's current value of segment <paramref name="kind"/> (before this run), or null.</summary>
    public string? Segment(string kind) => Context.State(StateParts.Segments).Segments.GetValueOrDefault(kind);

    /// <summary>The customer's current score <paramref name="name"/> (before this run), or null.</summary>
    /// <remarks>A <c>double</c>, exactly as a rule set it with <see cref="SetScore"/>.</remarks>
    public double? Score(string name) => Context.State(StateParts.Scores).Scores.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when the customer has <paramref name="tag"/>, loaded with the profile or set by a rule.</summary>
    public bool HasTag(string tag) =>
        Customer.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase) || Context.State(StateParts.Tags).RuleTags.Contains(tag);

    /// <summary>The points balance: the sum of the ledger.</summary>
    public long PointsBalance => Context.State(StateParts.Ledger).Ledger.Sum(e => e.Delta);

    /// <summary>The points ledger, oldest first.</summary>
    public IReadOnlyList<PointsEntry> Ledger => Context.State(StateParts.Ledger).Ledger;

    /// <summary>The customer's open follow-up tasks.</summary>
    public IReadOnlyList<FollowUpTask> OpenTasks => Context.State(StateParts.Tasks).OpenTasks;

    /// <summary>Statistics over all customers of the run, e.g. <c>Population.Spend(365).Quintile(SpendWithin(365))</c>.</summary>
    public PopulationView Population => new(Context.Population
        ?? throw new InvalidOperationException("Population statistics are not available in this run."));
}
