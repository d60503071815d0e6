namespace RuleEngine.Scripting.Api;

/// <summary>The measures a population distribution can be taken of.</summary>
public enum PopulationMetric
{
    /// <summary>Paid spend within a window; every customer counts, those who bought nothing with 0.</summary>
    Spend,
    /// <summary>Paid orders within a window; every customer counts.</summary>
    OrderCount,
    /// <summary>Days since the last paid order; only customers who ever bought count.</summary>
    DaysSinceLastOrder,
}

/// <summary>Computes distributions over all customers of the run, as of the run's clock (supplied by the runner).</summary>
public interface IPopulation
{
    Distribution Of(PopulationMetric metric, int windowDays);
}

/// <summary>
/// Statistics over all customers, for rules that grade customers relative to each other (A/B/C, RFM quintiles).
/// Each distribution is computed once per run, at first use.
/// </summary>
public sealed class PopulationView(IPopulation population)
{
    /// <summary>Paid spend over the last <paramref name="days"/> days, across all customers.</summary>
    public Distribution Spend(int days) => population.Of(PopulationMetric.Spend, days);

    /// <summary>Paid order counts over the last <paramref name="days"/> days, across all customers.</summary>
    public Distribution OrderCount(int days) => population.Of(PopulationMetric.OrderCount, days);

    /// <summary>Days since the last paid order, across customers who ever bought.</summary>
    public Distribution DaysSinceLastOrder() => population.Of(PopulationMetric.DaysSinceLastOrder, 0);
}
