using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Scripting.Api;

/// <summary>One thing a rule asked for, with the analyst's explanation ("spend 12,400 in 365 d ≥ 10,000 → gold").</summary>
public abstract record RuleOutcome(string Because);

public sealed record SegmentOutcome(string Kind, string Value, string Because) : RuleOutcome(Because);

public sealed record ScoreOutcome(string Name, double Value, string Because) : RuleOutcome(Because);

public sealed record PointsOutcome(PointsEntryType Type, long Delta, string ReasonKey, string Because) : RuleOutcome(Because);

public sealed record TaskOutcome(string Key, DateTime Due, string Channel, string Note, FollowUpPriority Priority, string Because)
    : RuleOutcome(Because);

public sealed record CancelTaskOutcome(string Key, string Because) : RuleOutcome(Because);

public sealed record TagOutcome(string Tag, bool Add, string Because) : RuleOutcome(Because);

/// <summary>A coupon of catalog template <paramref name="Template"/>, once per <paramref name="ReasonKey"/>.</summary>
public sealed record CouponOutcome(string Template, string ReasonKey, string Because) : RuleOutcome(Because);

/// <summary>One chance in draw campaign <paramref name="Campaign"/>, once per <paramref name="ReasonKey"/>.</summary>
public sealed record DrawChanceOutcome(string Campaign, string ReasonKey, string Because) : RuleOutcome(Because);
