using RuleEngine.Scripting.Api;

namespace RuleEngine.Runs;

/// <summary>
/// The state rules left for the customers of one page. The first customer whose rule asks for its state loads the
/// whole page's states in one read per kind of state (<see cref="CustomerStateReader.Read(IReadOnlyCollection{string}, DateTime)"/>):
/// per-customer reads were five queries each and, while ingest wrote, five waits for the storage lock each. A page whose
/// rule never asks reads nothing. In a preview the draft reuses what the live version read. Used on the run's thread
/// only, like the evaluators that share it.
/// </summary>
sealed class PageStates(CustomerStateReader reader, DateTime asOf)
{
    IReadOnlyList<string> _page = [];
    IReadOnlyDictionary<string, CustomerState>? _states;

    /// <summary>Forgets the previous page's states (called as the first version starts a page).</summary>
    public void NewPage(IEnumerable<string> customerIds)
    {
        _page = customerIds.Distinct(StringComparer.Ordinal).ToList();
        _states = null;
    }

    public CustomerState Read(string customerId)
    {
        _states ??= reader.Read(_page, asOf);
        return _states.TryGetValue(customerId, out var state) ? state : reader.Read(customerId, asOf);
    }
}
