using RuleEngine.Demo;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Runs;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;
using RuleEngine.Storage;

namespace RuleEngine.Tests.Rules.Library;

/// <summary>
/// Runs the whole library over the demo customers, once a day for a number of days, in the order the schedules
/// give (segmentation, then rewards, then follow-ups), applying each rule's outcomes to an in-memory state that
/// the next rule reads. Counts what changed per rule: the figures in docs/rule-library.md.
/// </summary>
sealed class LibrarySimulation
{
    readonly List<(string Name, LoadedRule Rule)> _rules;
    readonly List<CustomerData> _customers;
    readonly Dictionary<string, SimulatedState> _states;

    public LibrarySimulation(int customers)
    {
        _rules = RuleLibrary.RulePaths
            .Select(path => RuleLibrary.Compile(path))
            .Select(c => (c.Compilation.Header!, Rule: c.Rule ?? throw new InvalidOperationException(string.Join("\n", c.Compilation.Diagnostics))))
            .OrderBy(r => r.Item1.Kind).ThenBy(r => r.Item1.Name, StringComparer.Ordinal)
            .Select(r => (r.Item1.Name, r.Rule)).ToList();
        _customers = new DemoDataGenerator().Generate(customers)
            .Select(c => new CustomerData(c.Customer, c.Orders.OrderBy(o => o.At).ToList(), c.Events.OrderBy(e => e.At).ToList()))
            .ToList();
        _states = _customers.ToDictionary(c => c.Customer.Id, c => new SimulatedState(c.Customer.Id));
    }

    public int CustomerCount => _customers.Count;

    /// <summary>Final segment values by kind, after the last day.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, int>> Segments() => _states.Values
        .SelectMany(s => s.Segments)
        .GroupBy(s => s.Key)
        .ToDictionary(g => g.Key, g => g.GroupBy(s => s.Value).ToDictionary(v => v.Key, v => v.Count()));

    /// <summary>Runs every rule for every customer at <paramref name="now"/>; returns what changed, by rule.</summary>
    public Dictionary<string, List<RuleOutcome>> RunDay(DateTime now)
    {
        var changes = _rules.ToDictionary(r => r.Name, _ => new List<RuleOutcome>());
        var asOf = _customers.Select(c => AsOf(c, now)).ToList();
        var population = new PopulationStats(() => asOf, now);
        foreach (var (name, rule) in _rules)
        {
            var instance = rule.CreateInstance();
            foreach (var customer in asOf)
            {
                var state = _states[customer.Customer.Id];
                var context = new RuleContext
                {
                    Customer = customer.Customer, Orders = customer.Orders, Events = customer.Events, Now = now,
                    Population = population, LoadState = _ => state.Snapshot(),
                };
                var error = RuleEvaluator.Evaluate(rule, instance, context, CancellationToken.None);
                if (error is not null) throw new InvalidOperationException($"{name} failed for {customer.Customer.Id}: {error}");
                changes[name].AddRange(state.Apply(name, now, context.Outcomes));
            }
        }
        return changes;
    }

    /// <summary>The customer as an as-of run at <paramref name="now"/> sees them: no later orders, events or refunds.</summary>
    static CustomerData AsOf(CustomerData c, DateTime now) => new(
        c.Customer,
        c.Orders.Where(o => o.At <= now)
            .Select(o => o.RefundedAt > now ? o with { Status = OrderStatus.Paid, RefundedAt = null } : o).ToList(),
        c.Events.Where(e => e.At <= now).ToList());
}
