using RuleEngine.Server.Security;
using RuleEngine.Storage;
using RuleEngine.Triggers;

namespace RuleEngine.Server.Triggers;

/// <summary><c>GET /api/triggers</c>: for each rule with a <c>trigger:</c>, how many customers wait, for how long, and how its last batch went.</summary>
public static class TriggersApi
{
    public static IEndpointRouteBuilder MapTriggers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/triggers", List).WithTags("Triggers").RequireAuthorization(Policies.ReadRules)
            .WithSummary("Event triggers per rule: pending customers, oldest pending age, last batch latency; 'lagging' when the backlog is past its threshold");
        return app;
    }

    static TriggersView List(TriggerInterest interest, ITriggerOutbox outbox, TriggerStatus status, TriggerDispatcher dispatcher, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rules = interest.Rules();
        // Counted now rather than from the dispatcher's copy, so that what ops read is current.
        var backlog = outbox.Backlog(rules.SelectMany(r => r.Triggers).Distinct(StringComparer.Ordinal).ToList());
        var byKind = backlog.ToDictionary(b => b.Kind, StringComparer.Ordinal);
        var views = rules.Select(r =>
        {
            var mine = r.Triggers.Select(t => byKind.GetValueOrDefault(t)).OfType<TriggerBacklog>().ToList();
            var oldest = mine.Select(b => b.OldestIngestedAt).OfType<DateTime>().DefaultIfEmpty().Min();
            var stats = status.For(r.Rule);
            return new RuleTriggerView(
                r.Rule, r.Triggers, mine.Sum(b => b.Customers), mine.Any(b => b.Customers > 0) ? Seconds(now - oldest) : null,
                stats is null ? null : Math.Round(stats.LastBatchLatency.TotalMilliseconds, 1), stats?.LastBatchAt, stats?.LastRunId,
                stats?.LastStatus, stats?.LastBatchCustomers, stats?.Batches ?? 0, stats?.Failures ?? 0, stats?.LastError);
        }).ToList();
        var lagging = dispatcher.IsLagging(backlog);
        return new TriggersView(
            interest.Enabled, lagging ? "lagging" : "ok", backlog.Sum(b => b.Customers),
            backlog.Where(b => b.Customers > 0).Select(b => b.OldestIngestedAt).OfType<DateTime>().Select(o => Seconds(now - o)).DefaultIfEmpty().Max(),
            backlog.Select(b => new KindBacklogView(b.Kind, b.Customers)).ToList(), views);
    }

    static double Seconds(TimeSpan span) => Math.Round(Math.Max(0, span.TotalSeconds), 3);
}

/// <param name="Status">ok, or lagging when the backlog is past RuleEngine:Triggers:LaggingCustomers or LaggingAge.</param>
/// <param name="PendingCustomers">Outbox entries of all kinds (a customer pending for two kinds counts twice).</param>
public sealed record TriggersView(
    bool Enabled, string Status, long PendingCustomers, double? OldestPendingAgeSeconds, IReadOnlyList<KindBacklogView> Kinds,
    IReadOnlyList<RuleTriggerView> Rules);

public sealed record KindBacklogView(string Kind, long PendingCustomers);

/// <param name="PendingCustomers">Customers waiting for this rule (a customer pending for two of its triggers counts twice).</param>
/// <param name="LastBatchLatencyMs">From the ingest acknowledgement of the last batch's longest-waiting customer to the batch's outcomes applied.</param>
public sealed record RuleTriggerView(
    string Rule, IReadOnlyList<string> Triggers, long PendingCustomers, double? OldestPendingAgeSeconds, double? LastBatchLatencyMs,
    DateTime? LastBatchAt, string? LastRunId, string? LastRunStatus, int? LastBatchCustomers, long Batches, long Failures, string? LastError);
