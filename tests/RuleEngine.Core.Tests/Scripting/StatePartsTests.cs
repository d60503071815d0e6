using RuleEngine.Domain.Outcomes;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Tests.Scripting;

/// <summary>
/// A rule's state is loaded a part at a time, as the rule reads it: a rule that asks for the tier does not make the run
/// read the customer's whole points ledger, scores, tags and tasks.
/// </summary>
public class StatePartsTests
{
    static readonly CustomerState Known = new()
    {
        Segments = new Dictionary<string, string> { ["tier"] = "gold" },
        Scores = new Dictionary<string, double> { ["rfm"] = 4.5 },
        RuleTags = new HashSet<string> { "vip" },
        Ledger = [new PointsEntry { Id = "e1", CustomerId = "c1", Type = PointsEntryType.Earn, Delta = 40, Reason = "order", Key = "order:1", Source = new OutcomeSource { Rule = "r", RuleVersionHash = "h", RunId = "run", At = Some.Now } }],
    };

    [Fact]
    public void Each_part_is_loaded_once_and_only_when_the_rule_reads_it()
    {
        var rule = Load("""
            // kind: segmentation
            var tier = Segment("tier");
            if (Segment("tier") == tier && PointsBalance > 0 && Segment("tier") == "gold") SetSegment("seen", tier + PointsBalance, "read");
            """);
        var asked = new List<StateParts>();
        var facts = Some.Context();
        var context = new RuleContext
        {
            Customer = facts.Customer, Orders = facts.Orders, Events = facts.Events, Now = facts.Now,
            LoadState = parts => { asked.Add(parts); return Known; },
        };

        using var page = RuleEvaluator.BeginPage(CancellationToken.None, TimeSpan.FromSeconds(5));
        Assert.Null(page.Evaluate(rule, rule.CreateInstance(), context));

        Assert.Equal([StateParts.Segments, StateParts.Ledger], asked);
        Assert.Equal("gold40", Assert.IsType<SegmentOutcome>(Assert.Single(context.Outcomes)).Value);
    }

    [Fact]
    public void A_part_never_read_stays_empty_even_when_the_source_gives_more()
    {
        var state = CustomerState.Empty.With(StateParts.Segments | StateParts.Tags, Known);

        Assert.Equal("gold", state.Segments["tier"]);
        Assert.Contains("vip", state.RuleTags);
        Assert.Empty(state.Scores);
        Assert.Empty(state.Ledger);
        Assert.Equal(Known.Ledger, state.With(StateParts.Ledger, Known).Ledger);
    }

    static LoadedRule Load(string source)
    {
        var compilation = ScriptFixtures.CompileText(source);
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Diagnostics));
        return LoadedRule.Load("parts", compilation.Sources.Hash, compilation.Assembly!);
    }
}
