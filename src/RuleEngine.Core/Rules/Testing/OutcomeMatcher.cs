using System.Globalization;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Compares what a rule asked for with what a case expects: every expectation must match one outcome, and every
/// outcome must be expected. Describes both sides the way an analyst reads them.
/// </summary>
static class OutcomeMatcher
{
    /// <summary>The mismatches, empty when the case passed.</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyList<TestExpectation> expected, IReadOnlyList<RuleOutcome> actual)
    {
        var unmatched = actual.ToList();
        var problems = new List<string>();
        foreach (var expectation in expected)
        {
            var match = unmatched.FirstOrDefault(o => Matches(expectation, o));
            if (match is null) problems.Add($"expected {Describe(expectation)}, but it was not asked for");
            else unmatched.Remove(match);
        }
        problems.AddRange(unmatched.Select(o => $"did not expect {Describe(o)}"));
        return problems;
    }

    static bool Matches(TestExpectation e, RuleOutcome outcome) => Because(e, outcome) && outcome switch
    {
        SegmentOutcome s => e.Segment == s.Kind && (e.Value is null || e.Value == s.Value),
        ScoreOutcome s => e.Score == s.Name && (e.Is is null || Math.Abs(e.Is.Value - s.Value) <= e.Tolerance),
        PointsOutcome p => e.Points == p.Delta && (e.Key is null || e.Key == p.ReasonKey) && Is(e.Type, p.Type.ToString()),
        TaskOutcome t => e.Task == t.Key && (e.Due is null || e.Due == t.Due) && Is(e.Channel, t.Channel) && Is(e.Priority, t.Priority.ToString()),
        CancelTaskOutcome c => e.Cancel == c.Key,
        TagOutcome { Add: true } t => e.Tag == t.Tag,
        TagOutcome t => e.Untag == t.Tag,
        _ => false,
    };

    static bool Because(TestExpectation e, RuleOutcome o) =>
        e.Because is null || o.Because.Contains(e.Because, StringComparison.OrdinalIgnoreCase);

    static bool Is(string? expected, string actual) => expected is null || string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase);

    public static string Describe(RuleOutcome outcome) => outcome switch
    {
        SegmentOutcome s => $"segment {s.Kind} = {s.Value}",
        ScoreOutcome s => $"score {s.Name} = {Number(s.Value)}",
        PointsOutcome p => $"points {p.Delta:+#;-#;0} ({p.Type.ToString().ToLowerInvariant()}) key {p.ReasonKey}",
        TaskOutcome t => $"task {t.Key} due {t.Due:yyyy-MM-ddTHH:mm:ssZ} via {t.Channel} ({t.Priority.ToString().ToLowerInvariant()})",
        CancelTaskOutcome c => $"cancel task {c.Key}",
        TagOutcome t => $"{(t.Add ? "tag" : "untag")} {t.Tag}",
        _ => outcome.ToString(),
    } + $" [because: {outcome.Because}]";

    public static string Describe(TestExpectation e)
    {
        var parts = new List<string?>
        {
            e.Segment is not null ? $"segment {e.Segment}{(e.Value is null ? "" : $" = {e.Value}")}" : null,
            e.Score is not null ? $"score {e.Score}{(e.Is is null ? "" : $" = {Number(e.Is.Value)} ± {Number(e.Tolerance)}")}" : null,
            e.Points is not null ? $"points {e.Points:+#;-#;0}{(e.Type is null ? "" : $" ({e.Type})")}{(e.Key is null ? "" : $" key {e.Key}")}" : null,
            e.Task is not null ? $"task {e.Task}{(e.Due is null ? "" : $" due {e.Due:yyyy-MM-ddTHH:mm:ssZ}")}{(e.Channel is null ? "" : $" via {e.Channel}")}{(e.Priority is null ? "" : $" ({e.Priority})")}" : null,
            e.Cancel is not null ? $"cancel task {e.Cancel}" : null,
            e.Tag is not null ? $"tag {e.Tag}" : null,
            e.Untag is not null ? $"untag {e.Untag}" : null,
            e.Because is not null ? $"because containing '{e.Because}'" : null,
        };
        return string.Join(" ", parts.Where(p => p is not null));
    }

    /// <summary>
    /// Full precision, shortest round-trip form: a miss of 8.6e-7 must be visible in the message and a tolerance of
    /// 1e-9 must not read "± 0" (it used to, rounded to 4 decimals).
    /// </summary>
    static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
