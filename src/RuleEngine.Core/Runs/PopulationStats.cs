using System.Collections.Concurrent;
using RuleEngine.Scripting.Api;
using RuleEngine.Storage;

namespace RuleEngine.Runs;

/// <summary>
/// Population distributions for one run: each (metric, window) is computed at first use with one pass over
/// <paramref name="customers"/> and kept for the rest of the run. Only the numbers are kept, never the customers.
/// </summary>
public sealed class PopulationStats(Func<IEnumerable<CustomerData>> customers, DateTime now) : IPopulation
{
    readonly ConcurrentDictionary<(PopulationMetric, int), Lazy<Distribution>> _distributions = new();

    public Distribution Of(PopulationMetric metric, int windowDays) =>
        _distributions.GetOrAdd((metric, windowDays), key => new(() => Compute(key.Item1, key.Item2))).Value;

    Distribution Compute(PopulationMetric metric, int windowDays) => new(customers()
        .Select(c => Measure(c, metric, windowDays))
        .Where(value => value is not null)
        .Select(value => value!.Value));

    double? Measure(CustomerData customer, PopulationMetric metric, int windowDays) => metric switch
    {
        PopulationMetric.Spend => (double)OrderFacts.Window(customer.Orders, now, windowDays).Spend,
        PopulationMetric.OrderCount => OrderFacts.Window(customer.Orders, now, windowDays).Count,
        PopulationMetric.DaysSinceLastOrder => OrderFacts.DaysSinceLastPaid(customer.Orders, now),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
