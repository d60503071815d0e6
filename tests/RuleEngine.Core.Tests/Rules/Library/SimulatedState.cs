using RuleEngine.Domain.Outcomes;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Tests.Rules.Library;

/// <summary>
/// One customer's derived state in memory, with outcomes applied the way storage applies them: points and tasks
/// once per (rule, key), cancels close the rule's open task. Enough to chain rules in a simulation.
/// </summary>
sealed class SimulatedState(string customerId)
{
    readonly Dictionary<string, string> _segments = [];
    readonly Dictionary<string, double> _scores = [];
    readonly HashSet<string> _tags = [];
    readonly List<PointsEntry> _ledger = [];
    readonly Dictionary<string, FollowUpTask> _openTasks = [];
    readonly HashSet<string> _seenKeys = [];

    public IReadOnlyDictionary<string, string> Segments => _segments;

    public CustomerState Snapshot() => new()
    {
        Segments = new Dictionary<string, string>(_segments), Scores = new Dictionary<string, double>(_scores),
        RuleTags = _tags.ToHashSet(), Ledger = _ledger.ToList(), OpenTasks = _openTasks.Values.ToList(),
    };

    /// <summary>Applies one rule's outcomes and returns what actually changed (a repeat changes nothing).</summary>
    public IEnumerable<RuleOutcome> Apply(string rule, DateTime now, IEnumerable<RuleOutcome> outcomes)
    {
        var source = new OutcomeSource { Rule = rule, RuleVersionHash = "simulation", RunId = $"sim-{now:yyyyMMdd}", At = now };
        foreach (var outcome in outcomes)
        {
            var applied = outcome switch
            {
                SegmentOutcome s => _segments.GetValueOrDefault(s.Kind) != s.Value && Set(_segments, s.Kind, s.Value),
                ScoreOutcome s => _scores.GetValueOrDefault(s.Name, double.NaN) != s.Value && Set(_scores, s.Name, s.Value),
                TagOutcome { Add: true } t => _tags.Add(t.Tag),
                TagOutcome t => _tags.Remove(t.Tag),
                PointsOutcome p => _seenKeys.Add($"{rule}|points|{p.ReasonKey}") && Add(_ledger, new PointsEntry
                {
                    Id = OutcomeKeys.For(rule, customerId, p.ReasonKey), CustomerId = customerId, Type = p.Type, Delta = p.Delta,
                    Reason = p.ReasonKey, Key = p.ReasonKey, Source = source, Explanation = p.Because,
                }),
                TaskOutcome t => _seenKeys.Add($"{rule}|task|{t.Key}") && Set(_openTasks, $"{rule}|{t.Key}", new FollowUpTask
                {
                    Id = OutcomeKeys.For(rule, customerId, t.Key), CustomerId = customerId, Due = t.Due, Channel = t.Channel,
                    Note = t.Note, Priority = t.Priority, Key = t.Key, Source = source, CreatedAt = now,
                }),
                CancelTaskOutcome c => _openTasks.Remove($"{rule}|{c.Key}"),
                _ => false,
            };
            if (applied) yield return outcome;
        }
    }

    static bool Set<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key, TValue value) where TKey : notnull
    {
        map[key] = value;
        return true;
    }

    static bool Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return true;
    }
}
