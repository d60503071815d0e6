using RuleEngine.Reliability.Serving;

namespace RuleEngine.Reliability.Load;

/// <summary>How the dry runs started under load ended, how long they queued and how long they ran.</summary>
public sealed class DryRunFigures
{
    readonly List<double> _queued = [];
    readonly List<double> _ran = [];

    public Dictionary<string, int> Outcomes { get; } = [];

    /// <summary>The first few runs that did not succeed, with their errors: a failure under load must be diagnosable.</summary>
    public List<string> Failures { get; } = [];
    const int FailuresKept = 5;

    public static DryRunFigures ServerDied(int started)
    {
        var figures = new DryRunFigures();
        figures.Outcomes["server died"] = started;
        return figures;
    }

    /// <summary>A run's final state, or null when it had not finished in time.</summary>
    public void Add(RunState? run)
    {
        var status = run?.Status ?? "not finished";
        Outcomes[status] = Outcomes.GetValueOrDefault(status) + 1;
        if (run is { Status: not "succeeded" } && Failures.Count < FailuresKept) Failures.Add($"{run.Id} {run.Status}: {run.Error}");
        if (run is { CreatedAt: { } created, StartedAt: { } started, FinishedAt: { } finished })
        {
            _queued.Add((started - created).TotalSeconds);
            _ran.Add((finished - started).TotalSeconds);
        }
    }

    /// <summary>The 99th percentile of the time dry runs waited in their lane, or null when none finished.</summary>
    public double? QueuedP99 => _queued.Count == 0 ? null : Percentile(_queued, 0.99);

    public bool AllSucceeded => Outcomes.Keys.All(status => status == "succeeded");

    public string Summary() => _ran.Count == 0 ? "no timings" :
        $"queued p50 {Percentile(_queued, 0.5):N1} s, p99 {Percentile(_queued, 0.99):N1} s; ran p50 {Percentile(_ran, 0.5):N2} s, p99 {Percentile(_ran, 0.99):N2} s";

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
