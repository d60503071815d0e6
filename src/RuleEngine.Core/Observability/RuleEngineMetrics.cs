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
    private readonly Histogram<double> triggerLag;
    private readonly Counter<long> triggerBatches;
    private readonly Counter<long> triggerFailures;
    private readonly Meter meter;

    public RuleEngineMetrics(
        IMeterFactory meterFactory, Storage.IStorageHealth? storage = null, Storage.ActivityCache? activity = null, Runs.Isolation.RuleWorkerPool? workers = null,
        Storage.RunRecordCache? runRecords = null, Storage.CustomerStandingCache? standings = null)
    {
        // Instrument names are not prefixed: exporters put the meter name in front (Prometheus: ruleengine_runs).
        meter = meterFactory.Create(MeterName);
        runs = meter.CreateCounter<long>("runs", "{run}", "Finished rule runs by rule and final status.");
        runDuration = meter.CreateHistogram<double>("run.duration", "s", "Wall-clock duration of finished rule runs.");
        customersEvaluated = meter.CreateCounter<long>("customers.evaluated", "{customer}", "Customers a rule was evaluated for.");
        outcomes = meter.CreateCounter<long>("outcomes", "{outcome}", "Outcomes produced by runs, by type.");
        compileFailures = meter.CreateCounter<long>("compile.failures", "{failure}", "Rule versions that did not compile or failed their tests.");
        ingestRows = meter.CreateCounter<long>("ingest.rows", "{row}", "Ingested rows by entity and result (accepted, rejected).");
        authFailures = meter.CreateCounter<long>("auth.failures", "{request}", "Requests refused by authentication or authorization, by reason.");
        triggerLag = meter.CreateHistogram<double>("trigger.lag", "s",
            "Event triggers: from the ingest acknowledgement of a customer's oldest pending change to its rule's outcome applied, by rule.");
        triggerBatches = meter.CreateCounter<long>("trigger.batches", "{run}", "Event-triggered batch runs by rule and final status.");
        triggerFailures = meter.CreateCounter<long>("trigger.failures", "{run}",
            "Event-triggered batch runs that did not succeed, by rule; their customers stay pending and are retried.");
        ObserveRuntime();
        if (storage is not null) ObserveStorage(storage);
        if (workers is not null)
        {
            meter.CreateObservableGauge("rule_workers.idle", () => workers.Idle, "{process}", "Rule worker processes waiting for the next run of their rule version.");
            meter.CreateObservableCounter("rule_workers.started", () => workers.Counts.Started, "{process}", "Rule worker processes started.");
            meter.CreateObservableCounter("rule_workers.failed", () => workers.Counts.Failed, "{process}",
                "Rule worker processes that died, hung past RuleEngine:Runs:WorkerPageTimeout or were killed with their cancelled run.");
        }
        if (activity is not null)
        {
            meter.CreateObservableCounter("storage.activity_cache.lookups", () => new[]
                {
                    new Measurement<long>(activity.Lookups.Hits, new KeyValuePair<string, object?>("result", "hit")),
                    new Measurement<long>(activity.Lookups.Misses, new KeyValuePair<string, object?>("result", "miss")),
                }, "{lookup}", "Customers whose orders and events a run over chosen customers found in memory (hit) or read from the file (miss).");
            meter.CreateObservableGauge("storage.activity_cache.customers", () => activity.Count, "{customer}",
                "Customers whose orders and events are held in memory (at most RuleEngine:Storage:ActivityCacheCustomers).");
            meter.CreateObservableGauge("storage.activity_cache.bytes", () => activity.Bytes, "By",
                "Estimated memory the held orders and events take (at most RuleEngine:Storage:ActivityCacheMegabytes).");
        }
        if (runRecords is not null)
            meter.CreateObservableGauge("storage.run_cache.bytes", () => runRecords.Bytes, "By",
                "Estimated memory the run records held for GET /api/runs/{id} take (at most RuleEngine:Storage:RunCacheMegabytes).");
        if (standings is not null)
        {
            meter.CreateObservableCounter("storage.standing_cache.lookups", () => new[]
                {
                    new Measurement<long>(standings.Lookups.Hits, new KeyValuePair<string, object?>("result", "hit")),
                    new Measurement<long>(standings.Lookups.Misses, new KeyValuePair<string, object?>("result", "miss")),
                }, "{lookup}", "Customer reads (GET /api/customers/{id}) served from memory (hit) or from the file (miss).");
            meter.CreateObservableGauge("storage.standing_cache.customers", () => standings.Count, "{customer}",
                "Customers whose standing is held in memory (at most RuleEngine:Storage:StandingCacheCustomers).");
            meter.CreateObservableGauge("storage.standing_cache.bytes", () => standings.Bytes, "By",
                "Estimated memory the held standings take (at most RuleEngine:Storage:StandingCacheMegabytes).");
        }
    }

    /// <summary>
    /// What a request waits for that storage does not explain: the garbage collector's pauses, and the thread pool
    /// (storage calls wait for the storage lock on pool threads, and a pool with none free serves nothing, however
    /// cheap the request; the pool adds threads only a few a second).
    /// </summary>
    void ObserveRuntime()
    {
        meter.CreateObservableCounter("runtime.gc.pause", () => GC.GetTotalPauseDuration().TotalSeconds, "s",
            "Time the garbage collector paused the server's threads.");
        meter.CreateObservableGauge("runtime.thread_pool.threads", () => ThreadPool.ThreadCount, "{thread}", "Thread-pool threads.");
        meter.CreateObservableGauge("runtime.thread_pool.queued", () => ThreadPool.PendingWorkItemCount, "{item}",
            "Work items waiting for a thread-pool thread.");
    }

    /// <summary>The storage writer's queue and time, and the time spent waiting for and holding the storage engine.</summary>
    void ObserveStorage(Storage.IStorageHealth storage)
    {
        meter.CreateObservableGauge("storage.writes.waiting", () => storage.Load.WritesWaiting, "{write}",
            "Writes queued for the single storage writer and not yet in a transaction.");
        meter.CreateObservableCounter("storage.commits", () => storage.Load.Commits, "{commit}", "Storage transactions committed.");
        meter.CreateObservableCounter("storage.writer.busy", () => storage.Load.WriterBusySeconds, "s",
            "Time the storage writer spent inside transactions; its rate is the writer's utilisation (1 = always busy).");
        meter.CreateObservableCounter("storage.writer.durable_wait", () => storage.Load.DurableWaitSeconds, "s",
            "Time the writer waited for the disk to confirm commits before acknowledging them.");
        meter.CreateObservableCounter("storage.lock.wait", () => storage.Load.LockWaitSeconds, "s",
            "Time readers and the writer waited to enter the storage engine (one caller at a time: the LiteDB 5.0.20 page-cache race).");
        meter.CreateObservableCounter("storage.lock.held", () => storage.Load.LockHeldSeconds, "s",
            "Time the storage engine was held by some caller.");
        if (storage.Load.EngineCacheBytes is not null)
            meter.CreateObservableGauge("storage.engine_cache.bytes", () => storage.Load.EngineCacheBytes ?? 0, "By",
                "Memory LiteDB's page cache has allocated (it never shrinks; about RuleEngine:Storage:LiteDbTransactionMegabytes plus 8 MB at most).");
    }

    /// <summary>One triggered batch run of <paramref name="rule"/> ended; its customers' lags are recorded when it succeeded.</summary>
    public void TriggerBatchFinished(string rule, string status, IEnumerable<TimeSpan> lags)
    {
        var ruleTag = new KeyValuePair<string, object?>("rule", rule);
        triggerBatches.Add(1, ruleTag, new KeyValuePair<string, object?>("status", status));
        if (status != "succeeded") triggerFailures.Add(1, ruleTag);
        foreach (var lag in lags) triggerLag.Record(lag.TotalSeconds, ruleTag);
    }

    /// <summary>
    /// Gauges read at each scrape: pending customers per trigger kind, whether the triggers lag, and the run lanes'
    /// concurrency. The lane gauge's description states the fairness rule, so that it is in /metrics too.
    /// </summary>
    public void ObserveTriggers(Func<IEnumerable<(string Kind, long Customers)>> pending, Func<bool> lagging,
        (int Queue, int DryRun, int Trigger) workers, Func<(int Queue, int DryRuns)> waiting)
    {
        meter.CreateObservableGauge("trigger.pending", () => pending().Select(p =>
            new Measurement<long>(p.Customers, new KeyValuePair<string, object?>("kind", p.Kind))), "{customer}",
            "Event triggers: customers waiting in the trigger outbox, by trigger kind.");
        meter.CreateObservableGauge("trigger.lagging", () => lagging() ? 1 : 0, null,
            "1 while the trigger backlog is past RuleEngine:Triggers:LaggingCustomers or LaggingAge (readiness says 'lagging').");
        meter.CreateObservableGauge("run.lane.workers", () => new[]
            {
                new Measurement<int>(workers.Queue, new KeyValuePair<string, object?>("lane", "queue")),
                new Measurement<int>(workers.DryRun, new KeyValuePair<string, object?>("lane", "dry-run")),
                new Measurement<int>(workers.Trigger, new KeyValuePair<string, object?>("lane", "trigger")),
            }, "{worker}",
            "Fairness: scheduled, manual and rerun runs share the queue lane's workers; dry runs and previews the dry-run lane's; " +
            "event-triggered batches run only in the trigger lane. No lane takes another's workers; runs that apply outcomes meet " +
            "only at the per-rule lock (never two of one rule at once), which dry runs and previews do not take.");
        meter.CreateObservableGauge("run.lane.waiting", () =>
            {
                var (queue, dryRuns) = waiting();
                return new[]
                {
                    new Measurement<int>(queue, new KeyValuePair<string, object?>("lane", "queue")),
                    new Measurement<int>(dryRuns, new KeyValuePair<string, object?>("lane", "dry-run")),
                };
            }, "{run}", "Runs waiting for a worker, by lane (the trigger lane's backlog is trigger_pending).");
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
