using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RuleEngine.Observability;

/// <summary>
/// The application's metrics, on the <see cref="MeterName"/> meter. Core code records here without knowing
/// how metrics are exported; the server publishes the meter at <c>/metrics</c> (see docs/operations.md).
/// Tag values must come from small, fixed sets (rule names, statuses, types), never from customer data.
/// </summary>
public sealed class RuleEngineMetrics
{
    public const string MeterName = "RuleEngine";

    private readonly Counter<long> runs;
    private readonly Histogram<double> runDuration;
    private readonly Counter<long> customersEvaluated;
    private readonly Counter<long> outcomes;
    private readonly Counter<long> compileFailures;
    private readonly Counter<long> ingestRows;
    private readonly Counter<long> authFailures;

    public RuleEngineMetrics(IMeterFactory meterFactory)
    {
        // Instrument names are not prefixed: exporters put the meter name in front (Prometheus: ruleengine_runs).
        var meter = meterFactory.Create(MeterName);
        runs = meter.CreateCounter<long>("runs", "{run}", "Finished rule runs by rule and final status.");
        runDuration = meter.CreateHistogram<double>("run.duration", "s", "Wall-clock duration of finished rule runs.");
        customersEvaluated = meter.CreateCounter<long>("customers.evaluated", "{customer}", "Customers a rule was evaluated for.");
        outcomes = meter.CreateCounter<long>("outcomes", "{outcome}", "Outcomes produced by runs, by type.");
        compileFailures = meter.CreateCounter<long>("compile.failures", "{failure}", "Rule versions that did not compile or failed their tests.");
        ingestRows = meter.CreateCounter<long>("ingest.rows", "{row}", "Ingested rows by entity and result (accepted, rejected).");
        authFailures = meter.CreateCounter<long>("auth.failures", "{request}", "Requests refused by authentication or authorization, by reason.");
    }

    /// <summary>A run ended; <paramref name="status"/> is succeeded, failed, cancelled or interrupted.</summary>
    public void RunFinished(string rule, string status, TimeSpan duration, bool dryRun)
    {
        var tags = new TagList { { "rule", rule }, { "status", status }, { "dry_run", dryRun ? "true" : "false" } };
        runs.Add(1, tags);
        runDuration.Record(duration.TotalSeconds, tags);
    }

    public void CustomersEvaluated(string rule, long count) => customersEvaluated.Add(count, new KeyValuePair<string, object?>("rule", rule));

    /// <summary><paramref name="type"/> is segment_change, score_change, points_entry, task_created or task_cancelled.</summary>
    public void OutcomesProduced(string rule, string type, long count) =>
        outcomes.Add(count, new KeyValuePair<string, object?>("rule", rule), new KeyValuePair<string, object?>("type", type));

    public void CompileFailed(string rule) => compileFailures.Add(1, new KeyValuePair<string, object?>("rule", rule));

    /// <summary>One ingest batch; <paramref name="entity"/> is customers, orders or events.</summary>
    public void RowsIngested(string entity, long accepted, long rejected)
    {
        ingestRows.Add(accepted, new KeyValuePair<string, object?>("entity", entity), new KeyValuePair<string, object?>("result", "accepted"));
        ingestRows.Add(rejected, new KeyValuePair<string, object?>("entity", entity), new KeyValuePair<string, object?>("result", "rejected"));
    }

    /// <summary><paramref name="reason"/> is missing_key, unknown_key or forbidden.</summary>
    public void AuthFailed(string reason) => authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
