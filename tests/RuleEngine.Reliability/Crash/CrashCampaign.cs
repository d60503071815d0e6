using System.Diagnostics;
using RuleEngine.Reliability.Serving;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Crash;

/// <summary>What a whole campaign found; <see cref="Passed"/> is the verdict.</summary>
public sealed record CampaignResult(IReadOnlyList<CycleResult> Cycles, ReferenceComparison Comparison)
{
    public bool Passed => Comparison.Matches && Cycles.All(c => c.Problems.Count == 0
        && c.Findings is { DuplicatedPoints: 0, DuplicatedTasks: 0, LostAcknowledgedOrders: 0, TornBatches: 0 });
}

/// <summary>
/// Kills the server <see cref="CrashSettings.Cycles"/> times over one data folder (see <see cref="CrashCycle"/>), then
/// runs the same runs without kills on a copy of the same input and compares the points ledgers and task lists.
/// </summary>
public sealed class CrashCampaign(CrashSettings settings, TextWriter log)
{
    public async Task<CampaignResult> RunAsync()
    {
        using var workspace = new CrashWorkspace();
        var watch = Stopwatch.StartNew();
        var seeded = workspace.Prepare(settings.Customers);
        log.WriteLine($"Seeded {seeded.Customers:N0} customers, {seeded.Orders:N0} orders, {seeded.Events:N0} events in {watch.Elapsed.TotalSeconds:N0} s");

        var random = new Random(settings.RandomSeed);
        var cycles = new List<CycleResult>();
        var asOfs = settings.AsOfs();
        var cycle = new CrashCycle(workspace, settings);
        for (var i = 0; i < asOfs.Count; i++)
        {
            CycleResult result;
            try
            {
                result = await cycle.RunAsync(i + 1, asOfs[i], random);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A server that does not come back, or a run that never finishes, is a finding: record it and go on.
                result = CycleResult.Failed(i + 1, asOfs[i], $"{e.GetType().Name}: {e.Message}");
            }
            cycles.Add(result);
            log.WriteLine(CrashReport.Line(result));
        }

        log.WriteLine("Clean reference: the same runs on a copy of the input, no kills, no ingest...");
        await RunCleanAsync(workspace, asOfs);
        var comparison = ReferenceComparison.Of(LedgerCheck.Snapshot(workspace.Crashed), LedgerCheck.Snapshot(workspace.Reference));
        return new CampaignResult(cycles, comparison);
    }

    async Task RunCleanAsync(CrashWorkspace workspace, IReadOnlyList<DateTime> asOfs)
    {
        using var server = await ServerProcess.StartAsync(settings.ServerDll, workspace.Reference, settings.StartTimeout, workspace.ServerSettings(settings.PageSize));
        using var client = server.CreateClient();
        await client.ReadyAsync(settings.StartTimeout);
        await client.RuleActiveAsync(CrashWorkspace.PointsRule, settings.StartTimeout);
        await client.RuleActiveAsync(CrashWorkspace.TasksRule, settings.StartTimeout);
        foreach (var asOf in asOfs)
        {
            var runs = new[] { await client.TriggerAsync(CrashWorkspace.PointsRule, asOf), await client.TriggerAsync(CrashWorkspace.TasksRule, asOf) };
            foreach (var id in runs)
                if (await client.FinishedAsync(id, settings.RunTimeout) is { Status: not "succeeded" } run)
                    throw new InvalidOperationException($"Reference run {id} ended {run.Status}: {run.Error}");
        }
        server.Kill();
    }
}
