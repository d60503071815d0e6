using RuleEngine.Domain;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Benchmarks.Rules;

/// <summary>
/// One segmentation rule set (value grade A/B/C by spend thresholds, membership tier, lifecycle stage) written three
/// ways with the same logic: as a RuleEngine script, by hand in C#, and as Microsoft RulesEngine workflows.
/// Thresholds are fixed numbers so that every variant computes exactly the same thing.
/// </summary>
static class SegmentationLogic
{
    public const string Script = """
        // kind: segmentation
        var spend = SpendWithin(365);
        var orders = OrderCountWithin(365);
        var grade = spend >= 8000m ? "A" : spend >= 2000m ? "B" : "C";
        var tier = spend >= 50000m ? "diamond" : spend >= 20000m ? "platinum" : spend >= 8000m ? "gold" : spend >= 2000m ? "silver" : "ordinary";
        var days = DaysSinceLastOrder;
        var stage = days is null ? "prospect" : days > 365 ? "lapsed" : days > 180 ? "at-risk" : orders >= 6 ? "loyal" : orders >= 2 ? "repeat" : "first-time";
        SetSegment("grade", grade, "spend in 365 d");
        SetSegment("tier", tier, "spend in 365 d");
        SetSegment("lifecycle", stage, "recency and frequency");
        """;

    /// <summary>The same logic as plain C# over the same context, with the same outcomes: the baseline.</summary>
    public static void HandWritten(RuleContext context, List<RuleOutcome> outcomes)
    {
        var (grade, tier, stage) = Segments(context.Orders, context.Now);
        outcomes.Add(new SegmentOutcome("grade", grade, "spend in 365 d"));
        outcomes.Add(new SegmentOutcome("tier", tier, "spend in 365 d"));
        outcomes.Add(new SegmentOutcome("lifecycle", stage, "recency and frequency"));
    }

    /// <summary>Grade, tier and lifecycle stage of a customer's orders (sorted by time) as of <paramref name="now"/>.</summary>
    public static (string Grade, string Tier, string Stage) Segments(IReadOnlyList<Order> all, DateTime now)
    {
        var since = now.AddDays(-365);
        decimal spend = 0;
        var orders = 0;
        DateTime? last = null;
        for (var i = 0; i < all.Count; i++) // indexed, not foreach: no boxed enumerator, the best plain C# can do here
        {
            var order = all[i];
            if (order.Status != OrderStatus.Paid || order.At > now) continue;
            last = order.At;
            if (order.At <= since) continue;
            spend += order.Amount;
            orders++;
        }
        var grade = spend >= 8000m ? "A" : spend >= 2000m ? "B" : "C";
        var tier = spend >= 50000m ? "diamond" : spend >= 20000m ? "platinum" : spend >= 8000m ? "gold" : spend >= 2000m ? "silver" : "ordinary";
        int? days = last is { } l ? (int)(now - l).TotalDays : null;
        var stage = days is null ? "prospect" : days > 365 ? "lapsed" : days > 180 ? "at-risk" : orders >= 6 ? "loyal" : orders >= 2 ? "repeat" : "first-time";
        return (grade, tier, stage);
    }
}
