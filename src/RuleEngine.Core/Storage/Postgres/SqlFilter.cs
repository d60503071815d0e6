namespace RuleEngine.Storage.Postgres;

/// <summary>A WHERE clause built from optional conditions, with its positional values.</summary>
internal sealed class SqlFilter
{
    readonly List<string> _conditions = [];

    public List<object?> Values { get; } = [];

    /// <summary>Adds "<paramref name="condition"/> $n" for the value (e.g. "type =", "at >=").</summary>
    public SqlFilter Add(string condition, object? value)
    {
        _conditions.Add($"{condition} {Parameter(value)}");
        return this;
    }

    /// <summary>The value as the next parameter: "$n".</summary>
    public string Parameter(object? value)
    {
        Values.Add(value);
        return $"${Values.Count}";
    }

    public string Where => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);
}
