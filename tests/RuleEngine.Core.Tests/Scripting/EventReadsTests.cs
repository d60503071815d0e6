using System.Reflection;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Tests.Scripting;

/// <summary>A run reads events only for rules that can read them, so every way of reading them must be seen.</summary>
public class EventReadsTests
{
    static bool ReadsEvents(string body, params RuleFile[] loaded) => LoadedRules.Inspect("segmentation", body, loaded, rule => rule.ReadsEvents);

    [Theory]
    [InlineData("SetSegment(\"active\", Events.Count > 0 ? \"yes\" : \"no\", \"events\");")]
    [InlineData("SetSegment(\"visits\", EventsOfType(EventTypes.Visit).Any() ? \"yes\" : \"no\", \"visits\");")]
    [InlineData("if (SignInStreak >= 7) AwardPoints(10, \"streak\", \"a week of sign-ins\");")]
    [InlineData("var recent = Orders.Where(o => Events.Any(e => e.At > o.At)).Count(); SetSegment(\"after\", recent > 0 ? \"yes\" : \"no\", \"in a lambda\");")]
    [InlineData("int Count() => Events.Count; SetSegment(\"n\", Count() > 3 ? \"many\" : \"few\", \"in a local function\");")]
    public void A_rule_that_reads_events_in_any_way_is_seen_to(string body) => Assert.True(ReadsEvents(body));

    [Fact]
    public void Reading_events_in_a_loaded_helper_file_counts()
    {
        var helper = new RuleFile("helpers/activity.csx", "bool Active() => Events.Count > 0;");
        Assert.True(ReadsEvents("#load \"helpers/activity.csx\"\nSetSegment(\"active\", Active() ? \"yes\" : \"no\", \"helper\");", helper));
    }

    [Fact]
    public void A_rule_over_orders_only_does_not_read_events()
    {
        Assert.False(ReadsEvents("""
            var spend = SpendWithin(365);
            SetSegment("grade", spend >= 1000m ? "A" : "B", $"spend {spend} in 365 d, last order {DaysSinceLastOrder} days ago");
            var type = nameof(Events);
            """));
    }

    /// <summary>
    /// Members known not to read events. A new script API member must be added here or to
    /// <see cref="EventReads.Members"/>; until then this test fails, so no member is left unclassified.
    /// </summary>
    static readonly string[] NotReadingEvents =
    [
        "Evaluate", "get_Customer", "get_Orders", "get_Now", "get_Today", "get_Parameters", "Log",
        "PaidOrdersWithin", "SpendWithin", "OrderCountWithin", "get_FirstOrder", "get_LastOrder", "get_DaysSinceLastOrder",
        "get_BirthdayThisYear",
        "SetSegment", "SetScore", "AwardPoints", "DeductPoints", "ExpirePoints", "CreateTask", "CancelTask", "Tag", "Untag", "GrantCoupon", "GrantDrawChance",
        "Segment", "Score", "HasTag", "get_PointsBalance", "get_Ledger", "get_OpenTasks", "get_Population",
    ];

    [Fact]
    public void Every_script_api_member_is_classified_as_reading_events_or_not()
    {
        var members = typeof(RuleScript).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .OfType<MethodInfo>().Select(m => m.Name).Distinct();
        var unclassified = members.Except(EventReads.Members).Except(NotReadingEvents).ToList();
        Assert.True(unclassified.Count == 0, $"Classify in EventReads.Members or in this test: {string.Join(", ", unclassified)}");
    }
}
