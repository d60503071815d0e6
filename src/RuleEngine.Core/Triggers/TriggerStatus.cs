using System.Collections.Concurrent;

namespace RuleEngine.Triggers;

/// <summary>What the dispatcher last did for each rule, and the last backlog it saw: what <c>GET /api/triggers</c> shows.</summary>
public sealed class TriggerStatus
{
    readonly ConcurrentDictionary<string, RuleTriggerStats> _rules = new(StringComparer.Ordinal);
    volatile IReadOnlyList<TriggerBacklog> _backlog = [];

    public IReadOnlyList<TriggerBacklog> Backlog => _backlog;

    public DateTime? BacklogAt { get; private set; }

    public RuleTriggerStats? For(string rule) => _rules.GetValueOrDefault(rule);

    internal void Observed(IReadOnlyList<TriggerBacklog> backlog, DateTime at)
    {
        _backlog = backlog;
        BacklogAt = at;
    }

    internal void BatchFinished(string rule, RuleTriggerStats stats) =>
        _rules.AddOrUpdate(rule, stats, (_, before) => stats with { Batches = before.Batches + 1, Failures = before.Failures + stats.Failures });
}

/// <param name="LastBatchLatency">From the ingest acknowledgement of the batch's longest-waiting customer to its outcomes applied.</param>
/// <param name="LastBatchDuration">How long the batch's run took.</param>
public sealed record RuleTriggerStats(
    DateTime LastBatchAt, string LastRunId, string LastStatus, int LastBatchCustomers, TimeSpan LastBatchLatency,
    TimeSpan LastBatchDuration, string? LastError, long Batches = 1, long Failures = 0);
