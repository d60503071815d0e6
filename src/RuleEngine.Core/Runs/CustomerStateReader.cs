using RuleEngine.Domain.Outcomes;
using RuleEngine.Scripting.Api;
using RuleEngine.Storage;

namespace RuleEngine.Runs;

/// <summary>
/// What rules already decided about one customer, as it stood at the run's clock: later segment moves, ledger
/// entries, scores, tags and tasks are invisible to an as-of run, as the orders and events after it are.
/// </summary>
public sealed class CustomerStateReader(ISegmentStore segments, IScoreStore scores, IPointsLedger ledger, IFollowUpStore followUps)
{
    public CustomerState Read(string customerId, DateTime asOf) =>
        Build(segments.HistoryFor(customerId), scores.ScoresFor(customerId), scores.TagsFor(customerId),
            ledger.EntriesFor(customerId), OpenTasks(customerId), asOf);

    /// <summary>
    /// The states of a page of customers in one read per kind of state (at most five queries for the page, not five per
    /// customer), only the <paramref name="parts"/> asked for (the others stay empty); the same states
    /// <see cref="Read(string, DateTime)"/> gives one by one.
    /// </summary>
    public IReadOnlyDictionary<string, CustomerState> Read(IReadOnlyCollection<string> customerIds, DateTime asOf, StateParts parts = StateParts.All)
    {
        var stays = Lookup(parts, StateParts.Segments, () => segments.HistoryFor(customerIds), m => m.CustomerId);
        var scored = Lookup(parts, StateParts.Scores, () => scores.ScoresFor(customerIds), s => s.CustomerId);
        var tagged = Lookup(parts, StateParts.Tags, () => scores.TagsFor(customerIds), t => t.CustomerId);
        var entries = Lookup(parts, StateParts.Ledger, () => ledger.EntriesFor(customerIds), e => e.CustomerId);
        var tasks = Lookup(parts, StateParts.Tasks, () => followUps.ForCustomers(customerIds), t => t.CustomerId);
        var states = new Dictionary<string, CustomerState>(customerIds.Count, StringComparer.Ordinal);
        foreach (var id in customerIds)
            states[id] = Build(
                stays[id].OrderBy(m => m.EnteredAt).ThenBy(m => m.LeftAt ?? DateTime.MaxValue).ToList(), scored[id].OrderBy(x => x.Name, StringComparer.Ordinal).ToList(),
                tagged[id].OrderBy(t => t.Tag, StringComparer.Ordinal).ToList(),
                entries[id].OrderBy(p => p.Source.At).ThenBy(p => p.Id, StringComparer.Ordinal).ToList(), tasks[id].ToList(), asOf);
        return states;
    }

    static ILookup<string, T> Lookup<T>(StateParts asked, StateParts part, Func<IEnumerable<T>> read, Func<T, string> customerOf) =>
        (asked.HasFlag(part) ? read() : []).ToLookup(customerOf, StringComparer.Ordinal);

    static CustomerState Build(IReadOnlyList<SegmentMembership> stays, IReadOnlyList<Score> scored, IReadOnlyList<CustomerTag> tags,
        IReadOnlyList<PointsEntry> entries, IReadOnlyList<FollowUpTask> tasks, DateTime asOf) => new()
    {
        Segments = stays
            .Where(m => m.EnteredAt <= asOf && (m.LeftAt is null || m.LeftAt > asOf))
            .GroupBy(m => m.Kind)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.EnteredAt)!.Value),
        Scores = scored.Where(s => s.SetBy.At <= asOf).ToDictionary(s => s.Name, s => s.Value),
        RuleTags = tags.Where(t => t.SetBy.At <= asOf).Select(t => t.Tag).ToHashSet(),
        Ledger = entries.Where(e => e.Source.At <= asOf).ToList(),
        OpenTasks = tasks.Where(t => t.CreatedAt <= asOf && (t.Status == FollowUpStatus.Open || t.CompletedAt > asOf)).ToList(),
    };

    List<FollowUpTask> OpenTasks(string customerId)
    {
        var all = new List<FollowUpTask>();
        var page = new PageRequest(PageRequest.MaxLimit);
        while (true)
        {
            var tasks = followUps.List(new FollowUpQuery(CustomerId: customerId), page);
            all.AddRange(tasks.Items);
            if (tasks.NextCursor is null) return all;
            page = page with { Cursor = tasks.NextCursor };
        }
    }
}
