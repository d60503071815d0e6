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
        Context.Add(new SegmentOutcome(
            OutcomeArguments.SegmentPart(kind, nameof(kind)), OutcomeArguments.SegmentPart(value, nameof(value)), OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Sets a named number for the customer, e.g. "churnRisk" = 0.72.</summary>
    /// <remarks>A score's value is a <c>double</c> (64-bit floating point) and must be finite (not NaN or infinity).</remarks>
    public void SetScore(string name, double value, string because) =>
        Context.Add(new ScoreOutcome(
            OutcomeArguments.Key(name, nameof(name)), OutcomeArguments.Finite(value, nameof(value)), OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Awards points once per <paramref name="reasonKey"/> (e.g. the order id, "signin:2026-11-22", "birthday:2026").</summary>
    public void AwardPoints(long points, string reasonKey, string because) =>
        Context.Add(new PointsOutcome(PointsEntryType.Earn, OutcomeArguments.Points(points, nameof(points)),
            OutcomeArguments.Key(reasonKey, nameof(reasonKey)), OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Deducts points once per <paramref name="reasonKey"/> (e.g. "refund:O-1001").</summary>
    public void DeductPoints(long points, string reasonKey, string because) =>
        Context.Add(new PointsOutcome(PointsEntryType.Spend, -OutcomeArguments.Points(points, nameof(points)),
            OutcomeArguments.Key(reasonKey, nameof(reasonKey)), OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Expires points once per <paramref name="reasonKey"/> (e.g. "expire:2026-11").</summary>
    public void ExpirePoints(long points, string reasonKey, string because) =>
        Context.Add(new PointsOutcome(PointsEntryType.Expire, -OutcomeArguments.Points(points, nameof(points)),
            OutcomeArguments.Key(reasonKey, nameof(reasonKey)), OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Creates a follow-up task once per <paramref name="key"/> (e.g. "visit:V-7:day3").</summary>
    public void CreateTask(string key, DateTime due, string channel, string note, string because, FollowUpPriority priority = FollowUpPriority.Normal) =>
        Context.Add(new TaskOutcome(OutcomeArguments.Key(key, nameof(key)), due, OutcomeArguments.Key(channel, nameof(channel)),
            OutcomeArguments.Text(note, nameof(note)), priority, OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Cancels this rule's open follow-up task with <paramref name="key"/>, if there is one.</summary>
    public void CancelTask(string key, string because) => Context.Add(new CancelTaskOutcome(OutcomeArguments.Key(key, nameof(key)), OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Adds a tag to the customer.</summary>
    public void Tag(string tag, string because) => Context.Add(new TagOutcome(OutcomeArguments.Key(tag, nameof(tag)), true, OutcomeArguments.Text(because, nameof(because))));

    /// <summary>Removes a tag from the customer.</summary>
    public void Untag(string tag, string because) => Context.Add(new TagOutcome(OutcomeArguments.Key(tag, nameof(tag)), false, OutcomeArguments.Text(because, nameof(because))));
}
