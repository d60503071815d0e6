using RuleEngine.Scripting.Api;

namespace RuleEngine.Runs;

/// <summary>
/// The state rules left for the customers of one page. The first customer whose rule asks for a part of its state
/// (<see cref="StateParts"/>) loads that part for the whole page in one read
/// (<see cref="CustomerStateReader.Read(IReadOnlyCollection{string}, DateTime, StateParts)"/>): per-customer reads were five
/// queries each and, while ingest wrote, five waits for the storage lock each; and a rule that reads only the tier does
/// not read the page's points ledgers. A page whose rule never asks reads nothing. In a preview the draft reuses what the
/// live version read. Used on the run's thread only, like the evaluators that share it.
/// </summary>
sealed class PageStates(CustomerStateReader reader, DateTime asOf)
{
    IReadOnlyList<string> _page = [];
    readonly Dictionary<string, CustomerState> _states = new(StringComparer.Ordinal);
    StateParts _loaded;

    /// <summary>Forgets the previous page's states (called as the first version starts a page).</summary>
    public void NewPage(IEnumerable<string> customerIds)
    {
        _page = customerIds.Distinct(StringComparer.Ordinal).ToList();
        _states.Clear();
        _loaded = StateParts.None;
    }

    /// <summary>The customer's state with (at least) <paramref name="parts"/> loaded.</summary>
    public CustomerState Read(string customerId, StateParts parts)
    {
        var missing = parts & ~_loaded;
        if (missing != StateParts.None)
        {
            foreach (var (id, state) in reader.Read(_page, asOf, missing))
                _states[id] = _states.TryGetValue(id, out var known) ? known.With(missing, state) : state;
            _loaded |= missing;
        }
        return _states.TryGetValue(customerId, out var found) ? found : reader.Read(customerId, asOf);
    }
}
