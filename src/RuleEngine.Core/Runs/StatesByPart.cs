using RuleEngine.Scripting.Api;

namespace RuleEngine.Runs;

/// <summary>
/// A page's customer states, loaded a part at a time (<see cref="StateParts"/>): a part is loaded for the whole page
/// the first time any customer's rule asks for it, and merged into what earlier parts loaded. Used by the server's
/// <see cref="PageStates"/> (reading storage) and the worker's page (asking the server).
/// </summary>
sealed class StatesByPart(Func<StateParts, IReadOnlyDictionary<string, CustomerState>> load)
{
    readonly Dictionary<string, CustomerState> _states = new(StringComparer.Ordinal);
    StateParts _loaded;

    /// <summary>The customer's state with (at least) <paramref name="parts"/> loaded; null when the page does not hold it.</summary>
    public CustomerState? Read(string customerId, StateParts parts)
    {
        var missing = parts & ~_loaded;
        if (missing != StateParts.None)
        {
            foreach (var (id, state) in load(missing))
                _states[id] = _states.TryGetValue(id, out var known) ? known.With(missing, state) : state;
            _loaded |= missing;
        }
        return _states.GetValueOrDefault(customerId);
    }
}
