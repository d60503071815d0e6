using System.Diagnostics;
using RuleEngine.Reliability.Serving;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Crash;

/// <summary>What one kill and restart showed.</summary>
public sealed record CycleResult(
    int Cycle, DateTime AsOf, double KilledAtSeconds, double ProgressAtKill, bool KilledMidRun, int AcknowledgedBatches, string? UnansweredBatch,
    int Interrupted, int StillRunningAfterRestart, int RerunsSucceeded, int RerunsNotSucceeded, double RestartSeconds, LedgerFindings Findings,
    IReadOnlyList<string> Problems)
{
    public static CycleResult Failed(int cycle, DateTime asOf, string problem) =>
        new(cycle, asOf, 0, 0, false, 0, null, 0, 0, 0, 0, 0, new LedgerFindings(0, 0, 0, 0, 0, 0), [problem]);
}

/// <summary>
/// One kill: start the server over the crashed folder, start a points run, a tasks run and an ingest stream, SIGKILL
/// the server when the points run reaches a random share of its customers, restart, check each run's status, rerun
/// the interrupted ones to success, stop the server and inspect the file.
/// </summary>
public sealed class CrashCycle(CrashWorkspace workspace, CrashSettings settings)
{
    public async Task<CycleResult> RunAsync(int cycle, DateTime asOf, Random random)
    {
        var problems = new List<string>();
        var killAt = 0.05 + random.NextDouble() * 0.9; // a share of the points run's customers
        var ingest = default(IngestStream);
        Dictionary<string, RunState> atKill;
        string pointsRun;
        double killedAtSeconds;
        using (var server = await StartAsync())
        using (var client = server.CreateClient())
        {
            pointsRun = await client.TriggerAsync(CrashWorkspace.PointsRule, asOf);
            var runs = new[] { pointsRun, await client.TriggerAsync(CrashWorkspace.TasksRule, asOf) };
            ingest = new IngestStream(client, $"x{cycle:D3}", settings.OrdersPerBatch, settings.Customers);
            var ingesting = ingest.RunAsync(CancellationToken.None);
            var watch = Stopwatch.StartNew();
            await UntilProgressAsync(client, runs[0], killAt, settings.RunTimeout);
            // A little jitter so that the kill does not always follow a progress save by the same few milliseconds.
            await Task.Delay(random.Next(0, 50));
            atKill = await StatesAsync(client, runs);
            killedAtSeconds = watch.Elapsed.TotalSeconds;
            // A server that died on its own would look just like our kill afterwards: say so.
            if (server.HasExited) problems.Add("the server had exited before the kill: " + string.Join(" | ", server.LastErrorLines.TakeLast(5)));
            server.Kill();
            await ingesting;
        }

        var restart = Stopwatch.StartNew();
        int interrupted = 0, stillRunning = 0, rerunsOk = 0, rerunsNot = 0;
        using (var server = await StartAsync())
        using (var client = server.CreateClient())
        {
            var restartSeconds = restart.Elapsed.TotalSeconds;
            foreach (var (id, before) in atKill)
            {
                var after = await client.RunAsync(id);
                if (after.Status == "interrupted") interrupted++;
                else if (before.Status == "running" && after.Status != "succeeded")
                    problems.Add($"run {id} was running at the kill and is {after.Status} after the restart (expected interrupted)");
                if (after.Status is "pending" or "running") stillRunning++;
            }
            foreach (var (id, _) in atKill)
            {
                var after = await client.FinishedAsync(id, settings.RunTimeout);
                if (after.Status == "interrupted")
                {
                    var rerun = await client.FinishedAsync(await client.RerunAsync(id), settings.RunTimeout);
                    if (rerun.Status == "succeeded") rerunsOk++;
                    else { rerunsNot++; problems.Add($"rerun of {id} ended {rerun.Status}: {rerun.Error}"); }
                }
                else if (after.Status != "succeeded") problems.Add($"run {id} ended {after.Status}: {after.Error}");
            }
            server.Kill(); // idle now: the file is read below with the server gone
            var findings = LedgerCheck.Inspect(workspace.Crashed, ingest.Acknowledged,
                ingest.InFlight is { } unanswered ? [unanswered] : [], settings.OrdersPerBatch);
            problems.AddRange(ingest.Refusals.Select(r => "ingest refused " + r));
            var points = atKill[pointsRun];
            return new CycleResult(cycle, asOf, killedAtSeconds, points.Total == 0 ? 0 : (double)points.Processed / points.Total,
                atKill.Values.Any(r => r.Status == "running"), ingest.Acknowledged.Count, ingest.InFlight,
                interrupted, stillRunning, rerunsOk, rerunsNot, restartSeconds, findings, problems);
        }
    }

    async Task<ServerProcess> StartAsync()
    {
        var server = await ServerProcess.StartAsync(settings.ServerDll, workspace.Crashed, settings.StartTimeout, workspace.ServerSettings(settings.PageSize));
        try
        {
            using var client = server.CreateClient();
            // Ready means run recovery has happened (the scheduler starts after it): only then are statuses final.
            await client.ReadyAsync(settings.StartTimeout);
            await client.RuleActiveAsync(CrashWorkspace.PointsRule, settings.StartTimeout);
            await client.RuleActiveAsync(CrashWorkspace.TasksRule, settings.StartTimeout);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the run has processed the given share of its customers, or has finished (then the kill comes after it).</summary>
    static async Task UntilProgressAsync(HttpClient client, string runId, double share, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var run = await client.RunAsync(runId);
            if (run.IsFinished || (run.Total > 0 && run.Processed >= share * run.Total)) return;
            await Task.Delay(5); // run records are read from memory: a short poll catches a fast run mid-way
        }
    }

    static async Task<Dictionary<string, RunState>> StatesAsync(HttpClient client, IEnumerable<string> runIds)
    {
        var states = new Dictionary<string, RunState>();
        foreach (var id in runIds) states[id] = await client.RunAsync(id);
        return states;
    }
}
