using RuleEngine.Domain.Outcomes;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Security;

namespace RuleEngine.Audit;

/// <summary>
/// Every kind of audit event and exactly what it keeps, in one place so that no caller can put personal data in:
/// ids, hashes, statuses and counts only. Free text that people or rule code wrote (task outcomes, run errors)
/// stays on its own record and is not copied here.
/// </summary>
public static class AuditEvents
{
    public static AuditEvent RuleDeactivated(RuleState gone) => new(
        AuditTypes.RuleDeactivated, "file", $"Rule {gone.Name} stopped running: its file {gone.Path} is gone",
        gone.Name, gone.Active?.Hash, new { path = gone.Path, lastActiveHash = gone.Active?.Hash });

    public static AuditEvent RunTriggered(Run run) => new(
        AuditTypes.RunTriggered, run.TriggeredBy,
        $"Run {run.Id} of {run.Rule} triggered ({Name(run.Trigger)}{(run.DryRun ? ", dry run" : "")}) by {run.TriggeredBy}",
        run.Rule, run.Id, new
        {
            trigger = run.Trigger, run.DryRun, run.AsOf, run.AsOfRequested, run.ScheduledFor, run.RerunOf,
            requestedVersion = run.VersionHash, run.Parameters,
            // How many, not which: a run limited to customers is a quick check, its list is on the run.
            customerIds = run.CustomerIds?.Count,
        });

    /// <summary>The run's final status and counts; its error text stays on the run (it may quote data).</summary>
    public static AuditEvent RunFinished(Run run) => new(
        AuditTypes.RunFinished, run.TriggeredBy,
        $"Run {run.Id} of {run.Rule} {Name(run.Status)}: {run.Counts.Evaluated} evaluated, {run.Counts.Failed} failed",
        run.Rule, run.Id, new
        {
            status = run.Status, version = run.VersionHash, run.DryRun, run.AsOf, run.StartedAt, run.FinishedAt, run.Counts,
            hasError = run.Error is not null,
        });

    public static AuditEvent RunCancelRequested(string runId, string? rule, string actor, RunStatus? statusBefore) => new(
        AuditTypes.RunCancelRequested, actor, $"Cancel of run {runId} requested by {actor}", rule, runId,
        new { statusBefore });

    /// <summary>The outcome text is not kept: people write names and phone numbers into it.</summary>
    public static AuditEvent TaskUpdated(FollowUpTask before, FollowUpTask after, string actor) => new(
        AuditTypes.TaskUpdated, actor, $"Follow-up {after.Id} set {Name(before.Status)} → {Name(after.Status)} by {actor}",
        after.Source.Rule, after.Id, new
        {
            after.CustomerId, from = before.Status, to = after.Status,
            outcomeChanged = !string.Equals(before.Outcome, after.Outcome, StringComparison.Ordinal),
        });

    public static AuditEvent DataIngested(string kind, string actor, string format, bool partial, long accepted, long rejected, string result) => new(
        AuditTypes.DataIngested, actor, $"Ingest of {kind} by {actor}: {accepted} accepted, {rejected} rejected ({result})",
        null, kind, new { kind, format, partial, accepted, rejected, result });

    /// <summary>An unknown key is named by its fingerprint (never the key), so repeated attempts share an actor.</summary>
    public static AuditEvent KeyRefused(SecurityEvent refused)
    {
        var actor = refused.Actor ?? $"unknown-key:{refused.KeyFingerprint}";
        return new(AuditTypes.KeyRefused, actor, $"Refused {refused.Method} {refused.Path} for {actor}: {refused.Detail}",
            null, $"{refused.Method} {refused.Path}", new
            {
                kind = refused.Kind, refused.Method, refused.Path, refused.KeyFingerprint, refused.RemoteAddress, refused.Detail,
            });
    }

    public static AuditEvent CatalogVersion(string hash, string? previousHash, bool inForce, string source, string actor, int diagnostics) => new(
        AuditTypes.CatalogVersion, actor,
        $"Benefits catalog version {hash[..12]} {(inForce ? "is in force" : $"was refused ({diagnostics} problems)")} ({source})",
        null, hash, new { hash, previousHash, inForce, source, diagnostics });

    public static AuditEvent Redemption(Benefits.Redemptions.Redemption r) => new(
        AuditTypes.Redemption, r.Actor, $"Customer {r.CustomerId} redeemed {r.ItemId} for {r.PointsSpent} points (redemption {r.Id})",
        null, r.Id, new
        {
            r.CustomerId, r.IdempotencyKey, r.ItemId, r.Kind, r.PointsSpent, r.CashCost, r.CouponId, r.Campaign, r.At, r.CatalogHash,
        });

    /// <summary>Everything needed to recompute the draw: its identity (campaign, customer, key), the roll and the catalog version.</summary>
    public static AuditEvent Draw(Benefits.Draws.Draw d) => new(
        AuditTypes.Draw, d.Actor, $"Customer {d.CustomerId} drew {d.Prize} in {d.Campaign} (draw {d.Id})",
        null, d.Id, new
        {
            d.CustomerId, d.Campaign, d.IdempotencyKey, d.Roll, d.DrawnPrize, d.Prize, d.FellBack, d.PaidWith, d.PointsSpent, d.PointsWon,
            d.CouponId, d.At, d.CatalogHash,
        });

    static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
