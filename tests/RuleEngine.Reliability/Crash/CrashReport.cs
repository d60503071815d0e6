using System.Text;

namespace RuleEngine.Reliability.Crash;

/// <summary>The campaign's figures as Markdown, ready for docs/reliability.md.</summary>
public static class CrashReport
{
    public static string Line(CycleResult c) =>
        $"| {c.Cycle} | {c.AsOf:yyyy-MM-dd} | {c.KilledAtSeconds:N1} s | {c.ProgressAtKill:P0} | {(c.KilledMidRun ? "yes" : "no")} | {c.AcknowledgedBatches} | " +
        $"{c.UnansweredBatch ?? "-"} | {c.Interrupted} | {c.RerunsSucceeded}/{c.RerunsSucceeded + c.RerunsNotSucceeded} | {c.RestartSeconds:N1} s | " +
        $"{c.Findings.DuplicatedPoints + c.Findings.DuplicatedTasks} | {c.Findings.LostAcknowledgedOrders} | {c.Findings.TornBatches} | " +
        $"{(c.Problems.Count == 0 ? "-" : string.Join("; ", c.Problems))} |";

    public const string Header =
        "| kill | run as of | after | points run at kill | mid-run | acked batches | unanswered batch | interrupted | reruns ok | restart | duplicates | lost acked orders | torn batches | problems |\n" +
        "|---:|---|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---|";

    public static string Summary(CampaignResult result, CrashSettings settings)
    {
        var c = result.Cycles;
        var comparison = result.Comparison;
        var text = new StringBuilder();
        text.AppendLine(Header);
        foreach (var cycle in c) text.AppendLine(Line(cycle));
        text.AppendLine();
        text.AppendLine($"- kills: {c.Count} ({c.Count(x => x.KilledMidRun)} with a run in progress), {settings.Customers:N0} customers, NDJSON batches of {settings.OrdersPerBatch:N0} orders, run pages of {settings.PageSize}");
        text.AppendLine($"- runs found interrupted after a restart: {c.Sum(x => x.Interrupted)}; reruns that succeeded: {c.Sum(x => x.RerunsSucceeded)} of {c.Sum(x => x.RerunsSucceeded + x.RerunsNotSucceeded)}; " +
            $"runs still pending at the kill and run after the restart: {c.Sum(x => x.StillRunningAfterRestart)}");
        text.AppendLine($"- acknowledged ingest batches: {c.Sum(x => x.AcknowledgedBatches):N0} ({c.Sum(x => x.AcknowledgedBatches) * (long)settings.OrdersPerBatch:N0} orders); lost: {c.Sum(x => x.Findings.LostAcknowledgedOrders):N0}; unanswered batches torn: {c.Sum(x => x.Findings.TornBatches)}");
        text.AppendLine($"- duplicated points entries: {c.Sum(x => x.Findings.DuplicatedPoints)}; duplicated tasks: {c.Sum(x => x.Findings.DuplicatedTasks)}");
        text.AppendLine($"- against a clean run of the same runs on the same input ({comparison.ReferencePoints:N0} points entries, {comparison.ReferenceTasks:N0} tasks): " +
            $"points missing {comparison.MissingPoints}, extra {comparison.ExtraPoints}, different {comparison.DifferentPoints}; " +
            $"tasks missing {comparison.MissingTasks}, extra {comparison.ExtraTasks}, different {comparison.DifferentTasks}");
        text.AppendLine($"- restart to ready: median {Median(c.Select(x => x.RestartSeconds)):N1} s, max {c.Max(x => x.RestartSeconds):N1} s");
        text.AppendLine($"- verdict: {(result.Passed ? "PASSED" : "FAILED")}");
        return text.ToString();
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
