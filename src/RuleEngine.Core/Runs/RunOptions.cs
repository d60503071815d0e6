namespace RuleEngine.Runs;

/// <summary>The <c>RuleEngine:Runs</c> configuration section.</summary>
public sealed class RunOptions
{
    public const string Section = "RuleEngine:Runs";

    /// <summary>Customers read, evaluated and applied together (one storage transaction per page).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How long one customer's evaluation may take before the guards stop it.</summary>
    public TimeSpan CustomerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The run fails once more than this share of evaluated customers failed...</summary>
    public double MaxErrorRatio { get; set; } = 0.05;

    /// <summary>...counted from this many evaluated customers on (a few early failures say little).</summary>
    public int ErrorRatioMinimumCustomers { get; set; } = 100;

    /// <summary>How many affected customers a dry run's impact shows with their explanations.</summary>
    public int ImpactSampleSize { get; set; } = 20;

    /// <summary>Real runs (scheduled, manual, reruns) that may execute at once (never two of one rule).</summary>
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>
    /// Dry runs and previews that may execute at once, in their own lane: an analyst's quick check never waits behind a
    /// long real run or a triggered batch, and changes nothing, so it takes no per-rule lock either. Four, because a dry
    /// run of a few customers spends most of its time waiting for storage, not computing: under the mixed load two
    /// workers left dry runs queued p50 4.8–12.8 s, four 0.2 s.
    /// </summary>
    public int MaxConcurrentDryRuns { get; set; } = 4;

    /// <summary>
    /// Manual runs, dry runs and reruns are refused (429, try again later) while this many runs wait in their lane, so
    /// that a burst of triggers meets back-pressure instead of a backlog that grows for as long as the burst lasts.
    /// Scheduled runs are always queued: they are the product's job, and there is at most one per rule and slot.
    /// </summary>
    public int MaxQueuedRuns { get; set; } = 200;

    /// <summary>
    /// Where rules run: <c>InProcess</c> (in the server, under the guards) or <c>Worker</c> (in worker processes the
    /// server starts, so that no rule can take the server down: docs/reliability.md, "Rules in a worker process").
    /// </summary>
    public RuleEvaluation Evaluation { get; set; } = RuleEvaluation.Worker;

    /// <summary>A worker's memory ceiling: a cgroup limit where the server may create one, and the runtime's heap limit at 3/4 of it.</summary>
    public int WorkerMemoryMb { get; set; } = 1024;

    /// <summary>A run's wall-clock limit (null: none): past it the run fails, as if cancelled; applied pages stay applied.</summary>
    public TimeSpan? RunTimeout { get; set; }

    /// <summary>How long a worker may take over one page before it is killed and the run fails naming the page.</summary>
    public TimeSpan WorkerPageTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Workers evaluating one run's pages at once (a preview uses one per version). Reading and writing stay one page at a time; more than one helps rules whose evaluation, not storage, is
    /// the cost (docs/performance.md, "Rules in a worker process").
    /// </summary>
    public int WorkersPerRun { get; set; } = 2;

    /// <summary>Runs a worker serves before it is retired and a fresh one starts (what a rule leaves behind goes with it).</summary>
    public int WorkerRunsBeforeRestart { get; set; } = 100;

    /// <summary>
    /// Idle workers kept for the next run of the same rule version (about 65 MB each). Enough for the rules that
    /// triggered batches cycle through: with fewer, each batch started the workers its rules needed again (the shipped
    /// library has five order-triggered rules; with 4 kept, their evaluation ran at half the rate).
    /// </summary>
    public int WorkerIdleKept { get; set; } = 6;

    /// <summary>The workers' CPU priority (nice, 0 to 19): above 0, ingest and the API come first on a busy machine.</summary>
    public int WorkerNice { get; set; }
}

public enum RuleEvaluation { InProcess, Worker }
