using System.Globalization;
using RuleEngine.Demo;
using RuleEngine.Scripting.Api;
using Xunit.Abstractions;

namespace RuleEngine.Tests.Rules.Library;

/// <summary>
/// The whole library over 5,000 demo customers: one catch-up run four weeks before the end of the demo history,
/// then one run a day for the last four weeks. The distributions must be plausible for the domain (docs/rule-library.md
/// lists the figures this prints).
/// </summary>
public class LibraryDistributionTests(ITestOutputHelper output)
{
    const int Customers = 5_000, Weeks = 4;

    [Fact]
    public void The_library_over_the_demo_data_gives_plausible_distributions()
    {
        var simulation = new LibrarySimulation(Customers);
        var start = DemoDataGenerator.Until.AddDays(-7 * Weeks);
        var catchUp = simulation.RunDay(start);
        var weeks = Enumerable.Range(1, 7 * Weeks).Select(d => simulation.RunDay(start.AddDays(d)))
            .SelectMany(day => day).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.SelectMany(r => r.Value).ToList());
        var segments = simulation.Segments();
        Print(segments, catchUp, weeks);

        double Share(string kind, string value) => (double)segments[kind].GetValueOrDefault(value) / Customers;
        Assert.InRange(Share("value-grade", "A"), 0.15, 0.25);
        Assert.InRange(Share("value-grade", "B"), 0.25, 0.35);
        Assert.InRange(Share("value-grade", "C"), 0.40, 0.60);

        // A tier pyramid: most members ordinary, each tier above smaller than the one below, diamond rare.
        var tiers = new[] { "ordinary", "silver", "gold", "platinum", "diamond" }.Select(t => Share("tier", t)).ToList();
        Assert.All(tiers, share => Assert.True(share > 0));
        Assert.True(tiers[0] == tiers.Max(), $"ordinary is not the largest tier: {string.Join(", ", tiers)}");
        Assert.InRange(tiers[4], 0.001, 0.05);

        Assert.Equal(6, segments["lifecycle"].Count);
        Assert.Equal(6, segments["rfm"].Count);
        Assert.InRange(Share("churn-risk", "high"), 0.05, 0.5);

        // Purchase points should be about 70% of all points issued (the seeds).
        var issued = weeks.ToDictionary(r => r.Key, r => r.Value.OfType<PointsOutcome>().Where(p => p.Delta > 0).Sum(p => p.Delta));
        Assert.InRange((double)issued["purchase-points"] / issued.Values.Sum(), 0.60, 0.80);

        // Follow-ups: every trigger fires on four weeks of demo data, and the team is not flooded.
        var tasks = weeks.ToDictionary(r => r.Key, r => r.Value.OfType<TaskOutcome>().Count());
        foreach (var rule in new[] { "visit-callbacks", "churn-winback", "post-purchase-survey", "complaint-urgent-task", "new-customer-cadence" })
            Assert.True(tasks[rule] > 0, $"{rule} created no task in a week");
        Assert.InRange(tasks.Values.Sum() * 1000.0 / Customers / Weeks, 10, 300);
    }

    void Print(IReadOnlyDictionary<string, Dictionary<string, int>> segments,
        Dictionary<string, List<RuleOutcome>> catchUp, Dictionary<string, List<RuleOutcome>> weeks)
    {
        output.WriteLine($"{Customers} demo customers, as of {DemoDataGenerator.Until:yyyy-MM-dd}");
        foreach (var (kind, values) in segments.OrderBy(s => s.Key))
            output.WriteLine($"segment {kind}: " + string.Join(", ", values.OrderByDescending(v => v.Value)
                .Select(v => $"{v.Key} {v.Value} ({Percent(v.Value, Customers)})")));
        foreach (var (title, results) in new[] { ("catch-up run", catchUp), ($"the following {Weeks} weeks", weeks) })
        {
            output.WriteLine($"-- {title}");
            foreach (var (rule, outcomes) in results.OrderBy(r => r.Key).Where(r => r.Value.Count > 0))
            {
                var points = outcomes.OfType<PointsOutcome>().ToList();
                var tasks = outcomes.OfType<TaskOutcome>().ToList();
                output.WriteLine($"{rule}: {outcomes.Count} changes" +
                    (points.Count > 0 ? $", {points.Count} ledger entries, {points.Sum(p => p.Delta):+#;-#;0} points" : "") +
                    (tasks.Count > 0 ? $", {tasks.Count} tasks ({string.Join(", ", tasks.GroupBy(t => t.Priority).Select(g => $"{g.Key} {g.Count()}"))})" : "") +
                    (outcomes.OfType<CancelTaskOutcome>().Count() is > 0 and var c ? $", {c} cancelled" : "") +
                    (outcomes.OfType<TagOutcome>().Count() is > 0 and var t ? $", {t} tag changes" : ""));
            }
        }
    }

    static string Percent(int part, int whole) => ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);
}
