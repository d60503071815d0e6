using System.Globalization;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// What the load must reach to pass when run as a tool (not in CI's smoke run, whose machine and size say nothing
/// about speed): the figures the embedded default is held to (docs/reliability.md, "Load").
/// </summary>
public sealed record LoadGoals(double MinRequestsPerSecond, double? MaxDryRunQueueP99Seconds, double? MaxReadP99Milliseconds)
{
    /// <summary>The whole mix at 250 requests/s on two cores, and a dry run waits at most a second in its lane.</summary>
    public static readonly LoadGoals Embedded = new(250, 1.0, null);

    /// <summary>The mix's reads alone: 3,000 requests/s, each GET endpoint's p99 within 20 ms.</summary>
    public static readonly LoadGoals ReadsAlone = new(3_000, null, 20);

    public IEnumerable<(string Goal, bool Met)> Check(double requestsPerSecond, double? dryRunQueueP99, double readP99)
    {
        yield return (Text($"≥ {MinRequestsPerSecond:N0} requests/s: {requestsPerSecond:N0}/s"), requestsPerSecond >= MinRequestsPerSecond);
        if (MaxDryRunQueueP99Seconds is { } queue)
            yield return (dryRunQueueP99 is { } p99 ? Text($"dry run queue wait p99 ≤ {queue:N1} s: {p99:N1} s") : "dry run queue wait: no dry run finished",
                dryRunQueueP99 <= queue);
        if (MaxReadP99Milliseconds is { } read)
            yield return (Text($"slowest GET endpoint's p99 ≤ {read:N0} ms: {readP99:N1} ms"), readP99 <= read);
    }

    static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
