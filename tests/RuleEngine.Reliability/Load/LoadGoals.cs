using System.Globalization;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// What the mixed load must reach to pass when run as a tool (not in CI's smoke run, whose machine and size say nothing
/// about speed): the figures the embedded default is held to (docs/reliability.md, "Load").
/// </summary>
public sealed record LoadGoals(double MinRequestsPerSecond, double MaxDryRunQueueP99Seconds)
{
    /// <summary>The same mix at 250 requests/s on two cores, and a dry run waits at most a second in its lane.</summary>
    public static readonly LoadGoals Embedded = new(250, 1.0);

    public IEnumerable<(string Goal, bool Met)> Check(double requestsPerSecond, double? dryRunQueueP99) =>
    [
        (string.Create(CultureInfo.InvariantCulture, $"≥ {MinRequestsPerSecond:N0} requests/s: {requestsPerSecond:N0}/s"), requestsPerSecond >= MinRequestsPerSecond),
        (dryRunQueueP99 is { } p99
            ? string.Create(CultureInfo.InvariantCulture, $"dry run queue wait p99 ≤ {MaxDryRunQueueP99Seconds:N1} s: {p99:N1} s")
            : "dry run queue wait: no dry run finished", dryRunQueueP99 <= MaxDryRunQueueP99Seconds),
    ];
}
