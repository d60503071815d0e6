using Microsoft.Extensions.Options;
using RuleEngine.Domain;
using RuleEngine.Rules;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Triggers;

/// <summary>
/// Which trigger kinds the running rule versions listen to, and so which marks ingest records: an order batch costs an
/// outbox write only while some active rule has <c>trigger: orders</c>. Read from the catalog's snapshot at each call,
/// so a rule that gains or loses a trigger takes effect with its next ingest batch. Until the catalog has read the rules
/// folder at start-up nobody knows which kinds matter, so every kind is marked then: an order ingested in the first
/// seconds after a restart is not left to the nightly run (the dispatcher discards what no rule turns out to want).
/// </summary>
public sealed class TriggerInterest(RuleCatalog catalog, IOptions<TriggerOptions> options)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>The active rules with a trigger, by name, with the kinds each listens to and the state its code touches.</summary>
    public IReadOnlyList<(string Rule, RuleKind Kind, IReadOnlyList<string> Triggers, StateEffects Effects)> Rules() => !Enabled ? [] : catalog.Rules
        .Where(r => r.Active is { Header.Triggers.Count: > 0 })
        .Select(r => (r.Name, r.Active!.Header.Kind, r.Active.Header.Triggers, r.Active.Rule.Effects)).ToList();

    public IReadOnlySet<string> Kinds() => Rules().SelectMany(r => r.Triggers).ToHashSet(StringComparer.Ordinal);

    /// <summary>The kinds to mark: null for every kind (the rules are not loaded yet), empty when triggers are off.</summary>
    IReadOnlySet<string>? KindsToMark() => !Enabled ? new HashSet<string>() : !catalog.IsLoaded ? null : Kinds();

    static bool Marks(IReadOnlySet<string>? kinds, string kind) => kinds is null || kinds.Contains(kind);

    public IReadOnlyList<TriggerMark>? ForOrders(IReadOnlyList<Order> orders)
    {
        if (!Marks(KindsToMark(), TriggerKinds.Orders)) return null;
        return orders.GroupBy(o => o.CustomerId, StringComparer.Ordinal)
            .Select(g => new TriggerMark(g.Key, TriggerKinds.Orders, g.Min(o => o.At))).ToList();
    }

    public IReadOnlyList<TriggerMark>? ForEvents(IReadOnlyList<InteractionEvent> events)
    {
        var kinds = KindsToMark();
        if (kinds is { Count: 0 }) return null;
        var marks = events.Select(e => (e, Kind: TriggerKinds.ForEvent(e.Type))).Where(x => Marks(kinds, x.Kind))
            .GroupBy(x => (x.e.CustomerId, x.Kind))
            .Select(g => new TriggerMark(g.Key.CustomerId, g.Key.Kind, g.Min(x => x.e.At))).ToList();
        return marks.Count == 0 ? null : marks;
    }

    /// <summary>A profile has no business time of its own: its mark carries the time it was loaded.</summary>
    public IReadOnlyList<TriggerMark>? ForCustomers(IReadOnlyList<Customer> customers, DateTime now)
    {
        if (!Marks(KindsToMark(), TriggerKinds.Customers)) return null;
        return customers.Select(c => new TriggerMark(c.Id, TriggerKinds.Customers, now)).ToList();
    }
}
