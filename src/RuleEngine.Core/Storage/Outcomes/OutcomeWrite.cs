using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// One write an outcome plan makes. Records are written whole with their deterministic ids; the counts kept beside
/// them (members per segment, moves per day, points per day) are deltas, so each backend adds them up in its own
/// transaction (PostgreSQL with <c>ON CONFLICT … DO UPDATE</c>, which stays right when several nodes apply at once).
/// </summary>
public abstract record OutcomeWrite;

public sealed record StayOpened(SegmentMembership Stay) : OutcomeWrite;

/// <summary>The stay as it is now closed (<see cref="SegmentMembership.LeftAt"/> set).</summary>
public sealed record StayClosed(SegmentMembership Stay) : OutcomeWrite;

public sealed record ScoreSet(Score Score, ScoreHistoryEntry Change) : OutcomeWrite;

public sealed record TagAdded(CustomerTag Tag) : OutcomeWrite;

public sealed record TagRemoved(string CustomerId, string Tag) : OutcomeWrite;

public sealed record PointsAdded(PointsEntry Entry) : OutcomeWrite;

public sealed record TaskCreated(FollowUpTask Task) : OutcomeWrite;

/// <summary>The task as it is now (a rule cancelled it).</summary>
public sealed record TaskChanged(FollowUpTask Task) : OutcomeWrite;

public sealed record CouponGranted(Coupon Coupon) : OutcomeWrite;

public sealed record DrawChanceGranted(DrawChanceEntry Chance) : OutcomeWrite;

/// <summary>Members of a segment value went up or down by <paramref name="Delta"/>.</summary>
public sealed record SegmentMembersChanged(string Kind, string Value, long Delta) : OutcomeWrite;

/// <summary>Net members entered per value of a kind on one UTC day ("yyyy-MM-dd").</summary>
public sealed record SegmentDayMoved(string Kind, string Day, IReadOnlyDictionary<string, long> Moves) : OutcomeWrite;

/// <summary>Points that entered and left balances on one UTC day ("yyyy-MM-dd").</summary>
public sealed record PointsDayAdded(string Day, PointsDay Flow) : OutcomeWrite;

/// <summary>A ledger entry a redemption or draw writes, with its day's flow (spent points, won points).</summary>
public sealed record RedemptionMade(RuleEngine.Benefits.Redemptions.Redemption Redemption) : OutcomeWrite;

public sealed record DrawMade(RuleEngine.Benefits.Draws.Draw Draw) : OutcomeWrite;

/// <summary>One more of a limited item or prize was issued (<see cref="RuleEngine.Benefits.StockKeys"/>).</summary>
public sealed record StockIssued(string StockKey) : OutcomeWrite;

/// <summary>The audit entry of a redemption or draw, appended at the chain's head in the same transaction.</summary>
public sealed record AuditAppended(Func<RuleEngine.Audit.AuditLink, RuleEngine.Audit.AuditEntry> Seal) : OutcomeWrite;
