using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Scripting.Api;

/// <summary>
/// What a rule can do. Nothing changes while the rule runs: each call records an outcome with an explanation,
/// and the runner applies them afterwards (or, in a dry run, reports them). Every outcome has a deterministic
/// key, so applying the same run twice changes nothing.
/// </summary>
public abstract partial class RuleScript
{
    /// <summary>Puts the customer in segment <paramref name="value"/> of <paramref name="kind"/> (e.g. kind "tier", value "gold").</summary>
    public void SetSegment(string kind, string value, string because) =>
        Context.Add(new SegmentOutcome(kind, value, because));

    /// <summary>Sets a named number for the customer, e.g. "churnRisk" = 0.72.</summary>
    public void SetScore(string name, double value, string because) =>
        Context.Add(new ScoreOutcome(name, value, because));

    /// <summary>Awards points once per <paramref name="reasonKey"/> (e.g. the order id, "signin:2026-11-22", "birthday:2026").</summary>
    public void AwardPoints(long points, string reasonKey, string because) =>
        Context.Add(new PointsOutcome(PointsEntryType.Earn, Math.Abs(points), reasonKey, because));

    /// <summary>Deducts points once per <paramref name="reasonKey"/> (e.g. "refund:O-1001").</summary>
    public void DeductPoints(long points, string reasonKey, string because) =>
        Context.Add(new PointsOutcome(PointsEntryType.Spend, -Math.Abs(points), reasonKey, because));

    /// <summary>Expires points once per <paramref name="reasonKey"/> (e.g. "expire:2026-11").</summary>
    public void ExpirePoints(long points, string reasonKey, string because) =>
        Context.Add(new PointsOutcome(PointsEntryType.Expire, -Math.Abs(points), reasonKey, because));

    /// <summary>Creates a follow-up task once per <paramref name="key"/> (e.g. "visit:V-7:day3").</summary>
    public void CreateTask(string key, DateTime due, string channel, string note, string because, FollowUpPriority priority = FollowUpPriority.Normal) =>
        Context.Add(new TaskOutcome(key, due, channel, note, priority, because));

    /// <summary>Cancels this rule's open follow-up task with <paramref name="key"/>, if there is one.</summary>
    public void CancelTask(string key, string because) => Context.Add(new CancelTaskOutcome(key, because));

    /// <summary>Adds a tag to the customer.</summary>
    public void Tag(string tag, string because) => Context.Add(new TagOutcome(tag, true, because));

    /// <summary>Removes a tag from the customer.</summary>
    public void Untag(string tag, string because) => Context.Add(new TagOutcome(tag, false, because));
}
