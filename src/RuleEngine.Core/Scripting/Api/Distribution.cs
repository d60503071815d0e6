namespace RuleEngine.Scripting.Api;

/// <summary>
/// How one number is spread over all customers (e.g. 12-month spend), for relative rules:
/// "the top 20% are A" is <c>Population.Spend(365).PercentRank(SpendWithin(365)) &gt;= 0.8</c>.
/// </summary>
public sealed class Distribution
{
    readonly double[] _sorted;

    /// <summary>Builds a distribution from any values (they are copied and sorted).</summary>
    public Distribution(IEnumerable<double> values)
    {
        _sorted = values.ToArray();
        Array.Sort(_sorted);
    }

    /// <summary>The values in ascending order (sent to a rule worker process as they are).</summary>
    internal double[] SortedValues => _sorted;

    /// <summary>From values already sorted, without copying them again.</summary>
    internal static Distribution FromSorted(double[] sorted) => new(sorted, sorted: true);

    Distribution(double[] values, bool sorted) => _sorted = values;

    /// <summary>How many customers the distribution covers.</summary>
    public int Count => _sorted.Length;

    public double Min => Count == 0 ? 0 : _sorted[0];
    public double Max => Count == 0 ? 0 : _sorted[^1];
    public double Mean => Count == 0 ? 0 : _sorted.Average();
    public double Median => Quantile(0.5);

    /// <summary>The value below which a share <paramref name="q"/> (0..1) of customers fall, linearly interpolated.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return 0;
        var position = Math.Clamp(q, 0, 1) * (Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, Count - 1);
        return _sorted[lower] + (_sorted[upper] - _sorted[lower]) * (position - lower);
    }

    /// <summary>The share (0..1) of customers whose value is strictly below <paramref name="value"/>.</summary>
    public double PercentRank(double value)
    {
        if (Count == 0) return 0;
        var index = Array.BinarySearch(_sorted, value);
        if (index < 0) return (double)~index / Count;
        while (index > 0 && _sorted[index - 1] == value) index--; // first of equal values: ties share the lower rank
        return (double)index / Count;
    }

    /// <inheritdoc cref="PercentRank(double)"/>
    public double PercentRank(decimal value) => PercentRank((double)value);

    /// <summary>Which of <paramref name="n"/> equal groups the value falls in, 1 (lowest) to n (highest).</summary>
    public int Ntile(double value, int n) => Math.Clamp(1 + (int)Math.Floor(PercentRank(value) * n), 1, n);

    /// <summary>Quintile 1 (lowest fifth) to 5 (highest fifth), as RFM scores use.</summary>
    public int Quintile(double value) => Ntile(value, 5);

    /// <inheritdoc cref="Quintile(double)"/>
    public int Quintile(decimal value) => Ntile((double)value, 5);
}
