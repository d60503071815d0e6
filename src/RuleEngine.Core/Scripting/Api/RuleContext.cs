using RuleEngine.Domain;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// One customer's facts as a rule sees them, and the outcomes the rule asked for. The runner builds one per
/// customer; facts are already cut at <see cref="Now"/> so that an as-of run cannot see the future.
/// </summary>
public sealed class RuleContext(
    Customer customer,
    IReadOnlyList<Order> orders,
    IReadOnlyList<InteractionEvent> events,
    DateTime now,
    IReadOnlyDictionary<string, string>? parameters = null,
    Action<string>? log = null)
{
    readonly List<RuleOutcome> _outcomes = [];

    public Customer Customer { get; } = customer;
    public IReadOnlyList<Order> Orders { get; } = orders;
    public IReadOnlyList<InteractionEvent> Events { get; } = events;
    public DateTime Now { get; } = now;
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters ?? new Dictionary<string, string>();
    public IReadOnlyList<RuleOutcome> Outcomes => _outcomes;

    /// <summary>The same facts with no outcomes yet, to evaluate the customer again.</summary>
    public RuleContext Fresh() => new(Customer, Orders, Events, Now, Parameters, log);

    internal void Add(RuleOutcome outcome) => _outcomes.Add(outcome);

    internal void Log(string message) => log?.Invoke(message);
}
