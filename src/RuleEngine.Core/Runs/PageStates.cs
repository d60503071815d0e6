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
    StatesByPart _states = new(_ => new Dictionary<string, CustomerState>());

    /// <summary>Forgets the previous page's states (called as the first version starts a page).</summary>
    public void NewPage(IEnumerable<string> customerIds)
    {
        var page = customerIds.Distinct(StringComparer.Ordinal).ToList();
        _states = new StatesByPart(parts => reader.Read(page, asOf, parts));
    }

    /// <summary>The customer's state with (at least) <paramref name="parts"/> loaded.</summary>
    public CustomerState Read(string customerId, StateParts parts) => _states.Read(customerId, parts) ?? reader.Read(customerId, asOf);
}
