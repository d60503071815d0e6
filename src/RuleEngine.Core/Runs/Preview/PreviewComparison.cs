using System.Globalization;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Rules.Testing;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Runs.Preview;

/// <summary>
/// Compares, page by page, what the live version and the draft would change for the same customers, both planned
/// against the same stored state. An outcome differs when the value each version leaves differs: the value a version
/// changes it to, else (for segments and scores, which stay as they are when not changed) the value stored now, read
/// from the other version's change. Sums the moves and totals, keeps a sample, and returns the differences as the
/// run's outcome records (one per customer and differing outcome).
/// </summary>
sealed class PreviewComparison(string runId, int sampleSize)
{
    readonly Dictionary<(string Kind, string? From, string? To), long> _moves = [];
    readonly List<PreviewSample> _samples = [];
    long _pointsLive, _pointsDraft, _tasksLive, _tasksDraft, _differing, _sequence;

    public IReadOnlyList<RunOutcomeRecord> Compare(
        OutcomeResult live, OutcomeResult draft,
        IReadOnlyDictionary<string, List<RuleOutcome>> liveAsked, IReadOnlyDictionary<string, List<RuleOutcome>> draftAsked)
    {
        _pointsLive += NetPoints(live);
        _pointsDraft += NetPoints(draft);
        _tasksLive += live.Counts.TasksCreated;
        _tasksDraft += draft.Counts.TasksCreated;
        var liveChanges = ByCustomer(live.Changes);
        var draftChanges = ByCustomer(draft.Changes);
        var records = new List<RunOutcomeRecord>();
        foreach (var customerId in liveChanges.Keys.Union(draftChanges.Keys).Order(StringComparer.Ordinal))
        {
            var mine = liveChanges.GetValueOrDefault(customerId) ?? [];
            var theirs = draftChanges.GetValueOrDefault(customerId) ?? [];
            var liveOutcomes = liveAsked.GetValueOrDefault(customerId) ?? [];
            var draftOutcomes = draftAsked.GetValueOrDefault(customerId) ?? [];
            var differences = mine.Keys.Union(theirs.Keys)
                .Select(key => (Key: key, Live: ValueUnder(mine, theirs, key), Draft: ValueUnder(theirs, mine, key)))
                .Where(d => d.Live != d.Draft)
                .OrderBy(d => d.Key.Type, StringComparer.Ordinal).ThenBy(d => d.Key.Target, StringComparer.Ordinal)
                .ToList();
            if (differences.Count == 0) continue;
            _differing++;
            foreach (var (key, liveValue, draftValue) in differences)
            {
                if (key.Type == "segment") _moves[(key.Target, liveValue, draftValue)] = _moves.GetValueOrDefault((key.Target, liveValue, draftValue)) + 1;
                var liveBecause = Because(liveOutcomes, mine, key);
                var draftBecause = Because(draftOutcomes, theirs, key);
                records.Add(new RunOutcomeRecord(runId, ++_sequence, customerId, key.Type, key.Target, liveValue, draftValue, draftBecause,
                    liveValue, draftValue, liveBecause, draftBecause));
            }
            if (_samples.Count < sampleSize)
                _samples.Add(new PreviewSample(customerId,
                    differences.ToDictionary(d => $"{d.Key.Type}:{d.Key.Target}", d => d.Live),
                    differences.ToDictionary(d => $"{d.Key.Type}:{d.Key.Target}", d => d.Draft),
                    new PreviewExplanations(liveOutcomes.Select(OutcomeMatcher.Describe).ToList(), draftOutcomes.Select(OutcomeMatcher.Describe).ToList())));
        }
        return records;
    }

    public PreviewImpact Build(long draftFailed, long liveFailed) => new()
    {
        Moves = _moves.OrderByDescending(m => m.Value).ThenBy(m => m.Key.Kind, StringComparer.Ordinal)
            .Select(m => new SegmentMove(m.Key.Kind, m.Key.From, m.Key.To, m.Value)).ToList(),
        Points = new VersionTotals(_pointsDraft, _pointsLive),
        Tasks = new VersionTotals(_tasksDraft, _tasksLive),
        Failed = new VersionTotals(draftFailed, liveFailed),
        CustomersDiffering = _differing,
        Samples = _samples.ToList(),
    };

    /// <summary>The value a version leaves: what it changes it to; else, for what stays when untouched, what is stored now.</summary>
    static string? ValueUnder(Dictionary<(string Type, string Target), OutcomeChange> own, Dictionary<(string Type, string Target), OutcomeChange> other, (string Type, string Target) key) =>
        own.TryGetValue(key, out var change) ? change.To
        : key.Type is "segment" or "score" && other.TryGetValue(key, out var theirs) ? theirs.From
        : null;

    /// <summary>The reason the rule gave for the outcome (the batch keeps none for scores and tags), else the change's.</summary>
    static string? Because(List<RuleOutcome> asked, Dictionary<(string Type, string Target), OutcomeChange> changes, (string Type, string Target) key) =>
        asked.LastOrDefault(o => KeyOf(o) == key)?.Because ?? changes.GetValueOrDefault(key)?.Explanation;

    static (string Type, string Target)? KeyOf(RuleOutcome outcome) => outcome switch
    {
        SegmentOutcome s => ("segment", s.Kind),
        ScoreOutcome s => ("score", s.Name),
        PointsOutcome p => ("points", p.ReasonKey),
        TaskOutcome t => ("task", t.Key),
        CancelTaskOutcome c => ("task_cancel", c.Key),
        TagOutcome t => ("tag", t.Tag),
        _ => null,
    };

    static Dictionary<string, Dictionary<(string Type, string Target), OutcomeChange>> ByCustomer(IReadOnlyList<OutcomeChange> changes)
    {
        var byCustomer = new Dictionary<string, Dictionary<(string, string), OutcomeChange>>();
        foreach (var change in changes)
        {
            if (!byCustomer.TryGetValue(change.CustomerId, out var own)) byCustomer[change.CustomerId] = own = [];
            own[(change.Type, change.Target)] = change;
        }
        return byCustomer;
    }

    static long NetPoints(OutcomeResult result) => result.Changes
        .Where(c => c.Type == "points")
        .Sum(c => long.TryParse(c.To, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delta) ? delta : 0);
}
