namespace RuleEngine.Triggers;

/// <summary>The <c>RuleEngine:Triggers</c> configuration section (see docs/operations.md, "Event triggers").</summary>
public sealed class TriggerOptions
{
    public const string Section = "RuleEngine:Triggers";

    /// <summary>Off: ingest records no trigger entries and nothing is dispatched; rules with <c>trigger:</c> run on their schedule only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many customers (outbox entries) go into one batch; one run per rule per batch.</summary>
    public int MaxBatchCustomers { get; set; } = 5_000;

    /// <summary>
    /// After the first entry of an idle period arrives the dispatcher waits this long for more before it starts a batch,
    /// so a burst becomes one batch; entries arriving while a batch runs wait for the next one anyway.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How often the dispatcher looks at the outbox without being told (entries left by a crash, a missed signal).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After a batch whose run failed, the next try waits this long (doubling up to 16 times while it keeps failing).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Batches dispatched at once, over different customers: the next batch is read as soon as the last one's first rule
    /// ended, so its first rule runs while the batch before runs its later ones (a pipeline). 1 runs batches one after
    /// the other. Two measured p50 0.55–0.82 s against 0.85–1.58 s one at a time, three no better than one
    /// (docs/performance.md, "Event triggers", session 20).
    /// </summary>
    public int BatchesInFlight { get; set; } = 2;

    /// <summary>
    /// Triggered runs that may execute at once: the trigger lane's own workers, apart from the queue lane's
    /// <c>RuleEngine:Runs:MaxConcurrentRuns</c>, so neither kind of run can starve the other. Within a batch only rules
    /// that cannot see each other's outcomes run side by side (see <see cref="TriggerDispatcher"/>), and batches in flight
    /// never share a customer, so the number changes how fast triggered evaluation goes, never what it does. The default
    /// 2 lets the two batches of the pipeline (<see cref="BatchesInFlight"/>) each run a rule; more measured slower on
    /// two cores.
    /// </summary>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>Ops are told the triggers lag ("lagging" in /api/triggers and readiness) from this many pending customers...</summary>
    public long LaggingCustomers { get; set; } = 50_000;

    /// <summary>...or once the oldest pending entry has waited this long.</summary>
    public TimeSpan LaggingAge { get; set; } = TimeSpan.FromSeconds(30);
}
