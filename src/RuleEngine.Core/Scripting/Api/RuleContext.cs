using System.Collections.ObjectModel;
using RuleEngine.Domain;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// One customer's facts as a rule sees them, and the outcomes the rule asked for. The runner builds one per
/// customer; facts are already cut at <see cref="Now"/> so that an as-of run cannot see the future.
/// </summary>
public sealed class RuleContext
{
    readonly List<RuleOutcome> _outcomes = new(4);
    CustomerState _state = CustomerState.Empty;
    StateParts _loaded;
    PaidWindow _window;
    bool _hasWindow; // not a nullable field: copying a nullable 40-byte struct in and out cost more than the lookup

    public required Customer Customer { get; init; }
    /// <summary>Orders up to <see cref="Now"/>, oldest first.</summary>
    public required IReadOnlyList<Order> Orders { get; init; }
    /// <summary>Events up to <see cref="Now"/>, oldest first.</summary>
    public required IReadOnlyList<InteractionEvent> Events { get; init; }
    public required DateTime Now { get; init; }
    // One shared, immutable empty default: a context is built per customer, and a rule cannot change this one.
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = ReadOnlyDictionary<string, string>.Empty;
    public IPopulation? Population { get; init; }
    /// <summary>
    /// Loads (at least) the asked parts of the customer's state when a rule first reads them (most segmentation rules
    /// never do); a source that has the whole state at hand may return all of it.
    /// </summary>
    public Func<StateParts, CustomerState>? LoadState { get; init; }
    public Action<string>? Logger { get; init; }
    /// <summary>The benefits catalog of the run: coupon templates and draw campaigns rules may grant (null: not checked).</summary>
    public Benefits.Catalog.BenefitCatalog? Catalog { get; init; }

    public IReadOnlyList<RuleOutcome> Outcomes => _outcomes;

    /// <summary>The state with <paramref name="parts"/> loaded (each part once per context).</summary>
    internal CustomerState State(StateParts parts)
    {
        var missing = parts & ~_loaded;
        if (missing == StateParts.None) return _state;
        _state = _state.With(missing, LoadState?.Invoke(missing) ?? CustomerState.Empty);
        _loaded |= missing;
        return _state;
    }

    /// <summary>The same facts with no outcomes yet, to evaluate the customer again.</summary>
    public RuleContext Fresh() => new()
    {
        Customer = Customer, Orders = Orders, Events = Events, Now = Now, Parameters = Parameters,
        Population = Population, LoadState = LoadState, Logger = Logger, Catalog = Catalog,
    };

    /// <summary>Rules often ask for spend and count of the same window: one pass answers both.</summary>
    internal ref readonly PaidWindow PaidWindow(int days)
    {
        if (!_hasWindow || _window.Days != days)
        {
            _window = OrderFacts.Window(Orders, Now, days);
            _hasWindow = true;
        }
        return ref _window;
    }

    /// <summary>The last paid order: known from any window already computed, else found from the end of the list.</summary>
    internal Order? LastPaid() => _hasWindow ? _window.LastPaid : OrderFacts.LastPaid(Orders, Now);

    internal void Add(RuleOutcome outcome) => _outcomes.Add(outcome);

    internal void Log(string message) => Logger?.Invoke(message);
}
