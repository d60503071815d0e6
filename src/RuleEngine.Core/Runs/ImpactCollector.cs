using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Runs;

/// <summary>Sums a dry run's changes into its impact: segment moves, points, tasks and a sample of affected customers.</summary>
sealed class ImpactCollector(int sampleSize)
{
    readonly Dictionary<(string Kind, string? From, string? To), long> _moves = [];
    readonly Dictionary<string, List<string>> _sample = [];
    long _awarded, _deducted, _created, _cancelled;

    public void Add(IEnumerable<OutcomeChange> changes)
    {
        foreach (var change in changes)
        {
            switch (change.Type)
            {
                case "segment": _moves[(change.Target, change.From, change.To)] = _moves.GetValueOrDefault((change.Target, change.From, change.To)) + 1; break;
                case "points" when long.TryParse(change.To, out var delta): if (delta > 0) _awarded += delta; else _deducted -= delta; break;
                case "task": _created++; break;
                case "task_cancel": _cancelled++; break;
            }
            if (_sample.TryGetValue(change.CustomerId, out var lines) || _sample.Count < sampleSize)
                (lines ?? (_sample[change.CustomerId] = [])).Add(Describe(change));
        }
    }

    public RunImpact Build() => new()
    {
        SegmentMoves = _moves.OrderByDescending(m => m.Value).Select(m => new SegmentMove(m.Key.Kind, m.Key.From, m.Key.To, m.Value)).ToList(),
        PointsAwarded = _awarded, PointsDeducted = _deducted, TasksCreated = _created, TasksCancelled = _cancelled,
        Sample = _sample.Select(s => new ImpactSample(s.Key, s.Value)).ToList(),
    };

    static string Describe(OutcomeChange c)
    {
        var what = c.Type switch
        {
            "segment" => $"{c.Target}: {c.From ?? "none"} → {c.To ?? "none"}",
            "score" => $"score {c.Target}: {c.From ?? "none"} → {c.To}",
            "points" => $"points {c.To} ({c.Target})",
            "task" => $"task {c.Target}: {c.To}",
            "task_cancel" => $"cancel task {c.Target}",
            _ => $"{c.Type} {c.Target}: {c.To}",
        };
        return c.Explanation is null ? what : $"{what} — {c.Explanation}";
    }
}
