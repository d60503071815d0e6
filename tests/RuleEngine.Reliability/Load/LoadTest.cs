using System.Diagnostics;
using System.Text.Json.Nodes;
using RuleEngine.Demo;
using RuleEngine.Reliability.Serving;
using RuleEngine.Server.Tests.TestHost;

namespace RuleEngine.Reliability.Load;

/// <summary>
/// Seeds the demo data, starts the real server with the library rules, warms it up, then lets several clients send
/// the <see cref="TrafficMix"/> back to back for the set duration while the server's memory is sampled. Afterwards
/// it waits for the dry runs it started and counts how they ended.
/// </summary>
public sealed class LoadTest(LoadSettings settings, TextWriter log)
{
    public async Task<LoadReport> RunAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "ruleengine-load", Guid.NewGuid().ToString("N"));
        var keepData = false;
        try
        {
            using var load = await LoadServer.StartAsync(settings, data, log);
            var (server, http) = (load.Server, load.Http);
            var mix = new TrafficMix(settings.Customers, File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "rewards", "daily-signin.csx")), settings.ReadsOnly);
            var loadBefore = LoadAverage();
            var firstRun = await http.TriggerAsync("purchase-points", DemoDataGenerator.Until, dryRun: true);

            log.WriteLine($"Warm-up {settings.WarmUp.TotalSeconds:N0} s...");
            await DriveAsync(http, mix, settings.WarmUp, new LatencyBook(), firstRun, seedOffset: 1000);
            var memory = new MemorySampler(server, http, settings.MemoryInterval);
            using var stopSampling = new CancellationTokenSource();
            var sampling = memory.RunAsync(stopSampling.Token);
            log.WriteLine($"Load: {settings.Clients} clients for {settings.Duration.TotalSeconds:N0} s...");
            var book = new LatencyBook();
            var countersBefore = await ServerCounters.ReadAsync(http, server);
            var watch = Stopwatch.StartNew();
            var started = await DriveAsync(http, mix, settings.Duration, book, firstRun, seedOffset: 0);
            var elapsed = watch.Elapsed;
            var serverTime = server.HasExited ? "" : (await ServerCounters.ReadAsync(http, server)).PerSecondSince(countersBefore, elapsed);
            await stopSampling.CancelAsync();
            await sampling;
            memory.Sample();

            if (server.HasExited)
            {
                // The worst finding: keep the data folder (its logs/ say what happened) and show stderr's tail.
                keepData = true;
                log.WriteLine($"THE SERVER DIED during the load. Data folder with logs kept: {data}");
                foreach (var line in server.LastErrorLines) log.WriteLine("  stderr: " + line);
            }
            var runOutcomes = server.HasExited ? DryRunFigures.ServerDied(started.Count) : await DryRunOutcomesAsync(http, started);
            server.Kill();
            if (runOutcomes.Failures.Count > 0 && !keepData)
            {
                keepData = true; // the failed runs' stack traces are in its logs/
                log.WriteLine($"Dry runs failed: data folder with logs kept: {data}");
            }
            return new LoadReport(settings, elapsed, book.Figures().ToList(), memory, runOutcomes, Environment.ProcessorCount, loadBefore, LoadAverage(), serverTime);
        }
        finally
        {
            if (!keepData) try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>All clients until the deadline; returns the ids of the dry runs they started.</summary>
    async Task<List<string>> DriveAsync(HttpClient http, TrafficMix mix, TimeSpan duration, LatencyBook book, string firstRun, int seedOffset)
    {
        var deadline = DateTime.UtcNow + duration;
        var clients = Enumerable.Range(0, settings.Clients)
            .Select(i => DriveOneAsync(new TrafficMix.Client(http, mix, i + seedOffset, seed: i + seedOffset, firstRun), deadline, book));
        return (await Task.WhenAll(clients)).SelectMany(ids => ids).ToList();
    }

    async Task<List<string>> DriveOneAsync(TrafficMix.Client client, DateTime deadline, LatencyBook book)
    {
        var runs = new List<string>();
        for (var sent = 0; sent < settings.MaxRequestsPerClient && DateTime.UtcNow < deadline; sent++)
        {
            var (endpoint, send) = client.NextRequest();
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await send(client);
                var body = await response.Content.ReadAsStringAsync();
                book.Record(endpoint, (int)response.StatusCode, watch.Elapsed.TotalMilliseconds);
                if (endpoint.Contains("/runs (dry)", StringComparison.Ordinal) && response.IsSuccessStatusCode)
                    runs.Add(client.LastRunId = JsonNode.Parse(body)!["id"]!.GetValue<string>());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                book.Record(endpoint, 0, watch.Elapsed.TotalMilliseconds); // transport error or timeout
            }
        }
        return runs;
    }

    /// <summary>How the dry runs started under load ended (waiting at most a minute for the queue to drain), and their timings.</summary>
    static async Task<DryRunFigures> DryRunOutcomesAsync(HttpClient http, List<string> runIds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        var figures = new DryRunFigures();
        foreach (var id in runIds)
        {
            var left = deadline - DateTime.UtcNow;
            figures.Add(left > TimeSpan.Zero ? await FinalStateAsync(http, id, left) : null);
        }
        return figures;
    }

    static async Task<RunState?> FinalStateAsync(HttpClient http, string id, TimeSpan timeout)
    {
        try { return await http.FinishedAsync(id, timeout); }
        catch (TimeoutException) { return null; }
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
