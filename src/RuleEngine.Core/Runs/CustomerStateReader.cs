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
    public CustomerState Read(string customerId, DateTime asOf) => new()
    {
        Segments = segments.HistoryFor(customerId)
            .Where(m => m.EnteredAt <= asOf && (m.LeftAt is null || m.LeftAt > asOf))
            .GroupBy(m => m.Kind)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.EnteredAt)!.Value),
        Scores = scores.ScoresFor(customerId).Where(s => s.SetBy.At <= asOf).ToDictionary(s => s.Name, s => s.Value),
        RuleTags = scores.TagsFor(customerId).Where(t => t.SetBy.At <= asOf).Select(t => t.Tag).ToHashSet(),
        Ledger = ledger.EntriesFor(customerId).Where(e => e.Source.At <= asOf).ToList(),
        OpenTasks = OpenTasks(customerId, asOf),
    };

    List<FollowUpTask> OpenTasks(string customerId, DateTime asOf)
    {
        var open = new List<FollowUpTask>();
        var page = new PageRequest(PageRequest.MaxLimit);
        while (true)
        {
            var tasks = followUps.List(new FollowUpQuery(CustomerId: customerId), page);
            open.AddRange(tasks.Items.Where(t => t.CreatedAt <= asOf
                && (t.Status == FollowUpStatus.Open || t.CompletedAt > asOf)));
            if (tasks.NextCursor is null) return open;
            page = page with { Cursor = tasks.NextCursor };
        }
    }
}
