using RuleEngine.Scripting.Api;

namespace RuleEngine.Runs;

/// <summary>
/// The state rules left for the customers of one page, read at most once per customer however many versions evaluate
/// the page: a preview's draft reuses what the live version read (reading state is a customer's dearest input after
/// orders). Used on the run's thread only, like the evaluators that share it.
/// </summary>
sealed class PageStates(CustomerStateReader reader, DateTime asOf)
{
    readonly Dictionary<string, CustomerState> _states = new(StringComparer.Ordinal);

    /// <summary>Forgets the previous page's states (called as the first version starts a page).</summary>
    public void NewPage() => _states.Clear();

    public CustomerState Read(string customerId)
    {
        if (!_states.TryGetValue(customerId, out var state)) _states[customerId] = state = reader.Read(customerId, asOf);
        return state;
    }
}
