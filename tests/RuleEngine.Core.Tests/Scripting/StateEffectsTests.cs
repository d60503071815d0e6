using System.Reflection;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Tests.Scripting;

/// <summary>
/// Triggered rules run side by side only when neither can see what the other changes, so every way a rule reads or
/// changes state must be seen (a missed read would let a rule see another's outcomes sometimes and sometimes not).
/// </summary>
public class StateEffectsTests
{
    static StateEffects EffectsOf(string body, params RuleFile[] loaded) => LoadedRules.Inspect("reward", body, loaded, rule => rule.Effects);

    [Theory]
    [InlineData("if (Segment(\"tier\") == \"gold\") Log(\"gold\");", StateParts.Segments)]
    [InlineData("if (Score(\"rfm\") > 3) Log(\"high\");", StateParts.Scores)]
    [InlineData("if (HasTag(\"vip\")) Log(\"vip\");", StateParts.Tags)]
    [InlineData("if (PointsBalance > 100) Log(\"rich\");", StateParts.Ledger)]
    [InlineData("var paid = Orders.Where(o => Ledger.Any(e => e.Key == $\"order:{o.Id}\")).Count(); Log($\"{paid}\");", StateParts.Ledger)]
    [InlineData("int Open() => OpenTasks.Count; Log($\"{Open()}\");", StateParts.Tasks)]
    public void Every_way_of_reading_state_is_seen(string body, StateParts part) =>
        Assert.Equal(new StateEffects(part, StateParts.None), EffectsOf(body));

    [Theory]
    [InlineData("SetSegment(\"grade\", \"A\", \"because\");", StateParts.Segments)]
    [InlineData("SetScore(\"rfm\", 3, \"because\");", StateParts.Scores)]
    [InlineData("Tag(\"vip\", \"because\"); Untag(\"new\", \"because\");", StateParts.Tags)]
    [InlineData("AwardPoints(10, \"k\", \"because\");", StateParts.Ledger)]
    [InlineData("foreach (var o in Orders) DeductPoints(1, o.Id, \"because\");", StateParts.Ledger)]
    [InlineData("CreateTask(\"call\", Now.AddDays(1), \"phone\", \"note\", \"because\");", StateParts.Tasks)]
    public void Every_outcome_that_changes_state_is_seen(string body, StateParts part) =>
        Assert.Equal(new StateEffects(StateParts.None, part), EffectsOf(body));

    [Fact]
    public void State_read_in_a_loaded_helper_file_counts()
    {
        var helper = new RuleFile("helpers/points.csx", "bool AlreadyPaid(string key) => Ledger.Any(e => e.Key == key);");
        var effects = EffectsOf("#load \"helpers/points.csx\"\nif (!AlreadyPaid(\"gift\")) AwardPoints(50, \"gift\", \"welcome\");", helper);
        Assert.Equal(new StateEffects(StateParts.Ledger, StateParts.Ledger), effects);
    }

    [Fact]
    public void A_rule_over_orders_that_grants_coupons_touches_no_state()
    {
        var effects = EffectsOf("if (SpendWithin(30) > 100m) GrantCoupon(\"small\", \"month\", \"spent\"); var name = nameof(Ledger);");
        Assert.Equal(new StateEffects(StateParts.None, StateParts.None), effects);
    }

    [Theory]
    // purchase-points then refund-reversal: the second reads what the first pays.
    [InlineData(StateParts.Segments, StateParts.Ledger, StateParts.Ledger, StateParts.Ledger, true)]
    // a segment rule beside a reward that reads the segment: the reward must see it moved, or never.
    [InlineData(StateParts.Segments, StateParts.Segments, StateParts.Segments, StateParts.Ledger, true)]
    // two rules changing the same part: a deduction depends on what was awarded first.
    [InlineData(StateParts.None, StateParts.Ledger, StateParts.None, StateParts.Ledger, true)]
    // a tier rule beside a survey rule: neither sees the other.
    [InlineData(StateParts.Segments, StateParts.Segments, StateParts.Tasks, StateParts.Tasks, false)]
    // two readers of the same part change nothing of it.
    [InlineData(StateParts.Segments, StateParts.Ledger, StateParts.Segments, StateParts.Tasks, false)]
    public void Rules_conflict_when_one_changes_what_the_other_reads_or_changes(
        StateParts readsA, StateParts writesA, StateParts readsB, StateParts writesB, bool conflict)
    {
        var (a, b) = (new StateEffects(readsA, writesA), new StateEffects(readsB, writesB));
        Assert.Equal(conflict, a.ConflictsWith(b));
        Assert.Equal(conflict, b.ConflictsWith(a));
    }

    [Fact]
    public void An_unreadable_image_reads_and_changes_everything() =>
        Assert.Equal(StateEffects.Everything, StateEffects.Of([1, 2, 3]));

    /// <summary>
    /// Members that read and change no state: the customer's own facts, the clock, logging, coupons and draw chances
    /// (no rule can read them, and each rule's grants are keyed apart). A new script API member must be added here or to
    /// <see cref="StateEffects.Reading"/> or <see cref="StateEffects.Changes"/>; until then this test fails.
    /// </summary>
    static readonly string[] TouchingNoState =
    [
        "Evaluate", "get_Customer", "get_Orders", "get_Events", "get_Now", "get_Today", "get_Parameters", "Log",
        "PaidOrdersWithin", "SpendWithin", "OrderCountWithin", "get_FirstOrder", "get_LastOrder", "get_DaysSinceLastOrder",
        "EventsOfType", "get_SignInStreak", "get_BirthdayThisYear", "GrantCoupon", "GrantDrawChance", "get_Population",
    ];

    [Fact]
    public void Every_script_api_member_is_classified()
    {
        var members = typeof(RuleScript).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .OfType<MethodInfo>().Select(m => m.Name).Distinct();
        var unclassified = members.Except(StateEffects.Reading.Keys).Except(StateEffects.Changes.Keys).Except(TouchingNoState).ToList();
        Assert.True(unclassified.Count == 0, $"Classify in StateEffects or in this test: {string.Join(", ", unclassified)}");
    }
}
