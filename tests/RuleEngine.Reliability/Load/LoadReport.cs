using System.Text;

namespace RuleEngine.Reliability.Load;

/// <summary>The load test's figures and verdict, as Markdown for docs/reliability.md.</summary>
public sealed record LoadReport(
    LoadSettings Settings, TimeSpan Elapsed, IReadOnlyList<EndpointFigures> Endpoints, MemorySampler Memory,
    DryRunFigures DryRuns, int Cores, string LoadBefore, string LoadAfter, string ServerTime = "")
{
    /// <summary>
    /// No 5xx, no transport error, no refused valid request, every dry run started under load succeeded, and memory was
    /// stable over the window.
    /// </summary>
    public bool Passed => NoErrors && Memory.IsStable(Settings.MemoryTolerance) && GoalChecks.All(g => g.Met);

    /// <summary>The speed goals of <see cref="LoadSettings.Goals"/>, each with the figure reached; none in the smoke run.</summary>
    public IReadOnlyList<(string Goal, bool Met)> GoalChecks =>
        Settings.Goals?.Check(Endpoints.Sum(e => e.Requests) / Elapsed.TotalSeconds, DryRuns.QueuedP99,
            Endpoints.Where(e => e.Endpoint.StartsWith("GET ", StringComparison.Ordinal)).Select(e => e.P99).DefaultIfEmpty(0).Max()).ToList() ?? [];

    /// <summary>Every request answered as a valid request should be, and every dry run started under load succeeded.</summary>
    public bool NoErrors => Endpoints.All(e => e.Errors == 0 && e.Unexpected4xx == 0 && e.TooMany == 0) && DryRuns.AllSucceeded;

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| endpoint | requests | errors (5xx, transport) | 429 | other 4xx | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var e in Endpoints)
            text.AppendLine($"| {e.Endpoint} | {e.Requests:N0} | {e.Errors} | {e.TooMany} | {e.Unexpected4xx} | {e.P50:N1} | {e.P99:N1} | {e.Max:N0} |");
        var total = Endpoints.Sum(e => e.Requests);
        text.AppendLine();
        text.AppendLine($"- {Settings.Clients} clients, {Elapsed.TotalSeconds:N1} s measured after a {Settings.WarmUp.TotalSeconds:N0} s warm-up, {Settings.Customers:N0} demo customers, library rules");
        text.AppendLine($"- requests: {total:N0} ({total / Elapsed.TotalSeconds:N0}/s); errors: {Endpoints.Sum(e => e.Errors)}; 429: {Endpoints.Sum(e => e.TooMany)}; other 4xx: {Endpoints.Sum(e => e.Unexpected4xx)}");
        if (ServerTime.Length > 0) text.AppendLine($"- {ServerTime}");
        text.AppendLine($"- dry runs started under load: {string.Join(", ", DryRuns.Outcomes.Select(d => $"{d.Value} {d.Key}"))} ({DryRuns.Summary()})");
        foreach (var failure in DryRuns.Failures) text.AppendLine($"  - {failure}");
        var samples = Memory.Samples;
        if (samples.Count > 0)
        {
            var half = samples.Count / 2;
            text.AppendLine($"- server RSS: start {Mb(samples[0].Bytes)}, end {Mb(samples[^1].Bytes)}, min {Mb(samples.Min(s => s.Bytes))}, max {Mb(samples.Max(s => s.Bytes))} " +
                $"({samples.Count} samples every {Settings.MemoryInterval.TotalSeconds:N0} s); mean first half {Mb((long)samples.Take(half).DefaultIfEmpty().Average(s => s.Bytes))}, " +
                $"second half {Mb((long)samples.Skip(half).Average(s => s.Bytes))}; trend {Memory.SlopeMegabytesPerMinute():+0.0;-0.0} MB/min");
            text.AppendLine($"- memory: last quarter {Memory.Growth():+0.0%;-0.0%} against the first quarter (stable within {Settings.MemoryTolerance:0%}: {(Memory.IsStable(Settings.MemoryTolerance) ? "yes" : "NO")})");
            text.AppendLine($"- RSS samples (MB): {string.Join(" ", samples.Select(s => (s.Bytes / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
            text.AppendLine($"- managed heap samples (MB, from /metrics): {string.Join(" ", Memory.ManagedHeap.Select(b => (b / 1e6).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
            foreach (var (cache, sizes) in Memory.Caches.Where(c => c.Value.Count > 0))
                text.AppendLine($"- {cache} (bounded by configuration): first {Mb(sizes[0])}, last {Mb(sizes[^1])}, max {Mb(sizes.Max())}");
        }
        text.AppendLine($"- machine: {Cores} cores, load average before {LoadBefore}, after {LoadAfter}");
        foreach (var (goal, met) in GoalChecks) text.AppendLine($"- goal {goal}: {(met ? "met" : "NOT MET")}");
        text.AppendLine($"- verdict: {(Passed ? "PASSED" : "FAILED")}");
        return text.ToString();
    }

    static string Mb(long bytes) => $"{bytes / 1e6:N0} MB";
}
