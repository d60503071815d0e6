using System.Globalization;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// What an outcome batch changes against what is stored now: the writes (only differences, with deterministic ids, so
/// a repeat plans nothing) and the changes and counts they amount to. Planning only reads, so a dry run plans and keeps
/// the result, while a real run plans and executes inside one write transaction. Every backend plans with this one
/// class, so a dry run's counts are the real run's by construction, on LiteDB as on PostgreSQL.
/// </summary>
public sealed class OutcomePlan
{
    OutcomePlan(IReadOnlyList<OutcomeWrite> writes, OutcomeResult result) => (Writes, Result) = (writes, result);

    /// <summary>In order: a later write may depend on an earlier one of the same record (a stay closed after it opened).</summary>
    public IReadOnlyList<OutcomeWrite> Writes { get; }

    public OutcomeResult Result { get; }

    /// <summary>Rejects what no backend can store before anything is planned.</summary>
    public static void Validate(OutcomeBatch batch)
    {
        foreach (var assignment in batch.Segments) Validate(assignment);
    }

    static void Validate(SegmentAssignment assignment)
    {
        // '|' separates the parts of keys built from kinds and values (LiteDB's members index, count ids).
        if (string.IsNullOrWhiteSpace(assignment.Kind) || assignment.Kind.Contains('|'))
            throw new ArgumentException($"Segment kind '{assignment.Kind}' must be non-empty and must not contain '|'.", nameof(assignment));
        if (assignment.Value is not null && (assignment.Value.Length == 0 || assignment.Value.Contains('|')))
            throw new ArgumentException($"Segment value '{assignment.Value}' must be non-empty and must not contain '|'.", nameof(assignment));
    }

    public static OutcomePlan For(IOutcomeState stored, OutcomeBatch batch)
    {
        var state = new StagedState(stored);
        var source = batch.Source;
        var segments = batch.Segments.Select(a => PlanSegment(state, a, source)).OfType<OutcomeChange>().ToList();
        var scores = batch.Scores.Select(s => PlanScore(state, s, source)).OfType<OutcomeChange>().ToList();
        var tags = batch.Tags.Where(t => PlanTag(state, t, source)).ToList();
        var points = batch.Points.Where(p => PlanPoints(state, p, source)).ToList();
        var created = batch.FollowUps.Where(f => PlanTask(state, f, source)).ToList();
        var cancelled = batch.Cancellations.Where(c => PlanCancellation(state, c, source)).ToList();
        var coupons = batch.Coupons.Where(c => PlanCoupon(state, c, source)).ToList();
        var chances = batch.DrawChances.Where(d => PlanChance(state, d, source)).ToList();
        state.Writes.AddRange(state.Tallies.Writes());

        var changes = new List<OutcomeChange>(segments);
        changes.AddRange(scores);
        changes.AddRange(tags.Select(t => new OutcomeChange(t.CustomerId, "tag", t.Tag, null, t.Present ? "added" : "removed", t.Explanation)));
        changes.AddRange(points.Select(p => new OutcomeChange(p.CustomerId, "points", p.Key, null, Invariant(p.Delta), p.Explanation)));
        changes.AddRange(created.Select(f => new OutcomeChange(f.CustomerId, "task", f.Key, null, $"{f.Channel} due {f.Due:O}", f.Explanation)));
        changes.AddRange(cancelled.Select(c => new OutcomeChange(c.CustomerId, "task_cancel", c.Key, "open", "cancelled", c.Reason)));
        changes.AddRange(coupons.Select(c => new OutcomeChange(c.CustomerId, "coupon", c.Key, null, c.Template, c.Explanation)));
        changes.AddRange(chances.Select(d => new OutcomeChange(d.CustomerId, "draw_chance", d.Key, null, d.Campaign, d.Explanation)));
        var counts = new OutcomeCounts
        {
            SegmentChanges = segments.Count, ScoreChanges = scores.Count, TagChanges = tags.Count,
            PointsEntries = points.Count, PointsAwarded = points.Where(p => p.Delta > 0).Sum(p => p.Delta),
            TasksCreated = created.Count, TasksCancelled = cancelled.Count, CouponsGranted = coupons.Count, DrawChancesGranted = chances.Count,
        };
        return new OutcomePlan(state.Writes, new OutcomeResult(counts, changes));
    }

    internal static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>Moves a customer between segment values, closing the old stay and opening a new one; null when the value is unchanged.</summary>
    static OutcomeChange? PlanSegment(StagedState state, SegmentAssignment assignment, OutcomeSource source)
    {
        var open = state.OpenStay(assignment.CustomerId, assignment.Kind);
        if (open?.Value == assignment.Value) return null;
        if (open is not null)
        {
            state.Writes.Add(new StayClosed(open with { LeftAt = source.At, LeftBy = source }));
            state.Tallies.Left(open.Kind, open.Value, source.At);
        }
        SegmentMembership? entered = assignment.Value is null ? null : new SegmentMembership
        {
            // Chained to the stay it follows, so the id is deterministic yet unique even when a customer returns to a value.
            // Led by the customer id so that a page of customers inserts into one stretch of the primary key: a bare hash
            // scatters the inserts over the whole index (a full segmentation run wrote twice the bytes; docs/performance.md).
            Id = $"{assignment.CustomerId}|{OutcomeKeys.Hash(assignment.CustomerId, assignment.Kind, assignment.Value, source.RunId, open?.Id ?? "")}",
            CustomerId = assignment.CustomerId, Kind = assignment.Kind, Value = assignment.Value,
            EnteredAt = source.At, EnteredBy = source, Explanation = assignment.Explanation,
        };
        if (entered is not null)
        {
            state.Writes.Add(new StayOpened(entered));
            state.Tallies.Entered(entered.Kind, entered.Value, source.At);
        }
        state.SetOpenStay(assignment.CustomerId, assignment.Kind, entered);
        return new OutcomeChange(assignment.CustomerId, "segment", assignment.Kind, open?.Value, assignment.Value, assignment.Explanation);
    }

    /// <summary>
    /// Sets the score when its value changes, keeping the rule's reason with it and a history entry of the change
    /// (value before, value after, source, reason); null when the value is already the stored one.
    /// </summary>
    static OutcomeChange? PlanScore(StagedState state, ScoreChange change, OutcomeSource source)
    {
        double? before = state.Score(change.CustomerId, change.Name)?.Value;
        if (before is { } value && value.Equals(change.Value)) return null;
        var score = new Score { CustomerId = change.CustomerId, Name = change.Name, Value = change.Value, SetBy = source, Explanation = change.Explanation };
        state.SetScore(score);
        state.Writes.Add(new ScoreSet(score, new ScoreHistoryEntry
        {
            CustomerId = change.CustomerId, Name = change.Name, From = before, To = change.Value, Source = source, Explanation = change.Explanation,
        }));
        return new OutcomeChange(change.CustomerId, "score", change.Name, before is { } b ? Invariant(b) : null, Invariant(change.Value), change.Explanation);
    }

    static bool PlanTag(StagedState state, TagChange change, OutcomeSource source)
    {
        if (state.HasTag(change.CustomerId, change.Tag) == change.Present) return false;
        state.SetTag(change.CustomerId, change.Tag, change.Present);
        state.Writes.Add(change.Present
            ? new TagAdded(new CustomerTag { CustomerId = change.CustomerId, Tag = change.Tag, SetBy = source })
            : new TagRemoved(change.CustomerId, change.Tag));
        return true;
    }

    static bool PlanPoints(StagedState state, PointsGrant grant, OutcomeSource source)
    {
        var id = OutcomeKeys.For(source.Rule, grant.CustomerId, grant.Key);
        if (!state.AddPoints(id)) return false;
        state.Writes.Add(new PointsAdded(new PointsEntry
        {
            Id = id, CustomerId = grant.CustomerId, Type = grant.Type, Delta = grant.Delta, Reason = grant.Reason,
            Key = grant.Key, Source = source, Explanation = grant.Explanation,
        }));
        state.Tallies.Points(grant.Type, grant.Delta, source.At);
        return true;
    }

    /// <summary>Creates the task unless this rule already created one with the same key for the customer (whatever its status now).</summary>
    static bool PlanTask(StagedState state, FollowUpRequest request, OutcomeSource source)
    {
        var id = OutcomeKeys.For(source.Rule, request.CustomerId, request.Key);
        if (state.Task(id) is not null) return false;
        var task = new FollowUpTask
        {
            Id = id, CustomerId = request.CustomerId, Due = request.Due, Channel = request.Channel, Note = request.Note,
            Priority = request.Priority, Assignee = request.Assignee, Key = request.Key, Source = source,
            Explanation = request.Explanation, CreatedAt = source.At,
        };
        state.SetTask(task);
        state.Writes.Add(new TaskCreated(task));
        return true;
    }

    /// <summary>Cancels the rule's task if it is still open; done tasks keep their outcome.</summary>
    static bool PlanCancellation(StagedState state, FollowUpCancellation cancellation, OutcomeSource source)
    {
        if (state.Task(OutcomeKeys.For(source.Rule, cancellation.CustomerId, cancellation.Key)) is not { Status: FollowUpStatus.Open } task) return false;
        var cancelled = task with { Status = FollowUpStatus.Cancelled, Outcome = cancellation.Reason ?? task.Outcome, CompletedAt = source.At };
        state.SetTask(cancelled);
        state.Writes.Add(new TaskChanged(cancelled));
        return true;
    }

    /// <summary>Coupons rules grant: written once under the id of rule, customer and reason key, like points.</summary>
    static bool PlanCoupon(StagedState state, CouponGrant grant, OutcomeSource source)
    {
        var id = OutcomeKeys.For(source.Rule, grant.CustomerId, grant.Key);
        if (!state.AddCoupon(id)) return false;
        state.Writes.Add(new CouponGranted(new Coupon
        {
            Id = id, CustomerId = grant.CustomerId, Template = grant.Template, Title = grant.Title, Value = grant.Value,
            Threshold = grant.Threshold, IssuedAt = source.At, ExpiresAt = source.At.AddDays(grant.ValidDays), Key = grant.Key,
            Origin = "rule", Source = source, Explanation = grant.Explanation,
        }));
        return true;
    }

    static bool PlanChance(StagedState state, DrawChanceGrant grant, OutcomeSource source)
    {
        var id = OutcomeKeys.For(source.Rule, grant.CustomerId, grant.Key);
        if (!state.AddDrawChance(id)) return false;
        state.Writes.Add(new DrawChanceGranted(new DrawChanceEntry
        {
            Id = id, CustomerId = grant.CustomerId, Campaign = grant.Campaign, Delta = 1, Key = grant.Key, Source = source,
            Explanation = grant.Explanation,
        }));
        return true;
    }
}
