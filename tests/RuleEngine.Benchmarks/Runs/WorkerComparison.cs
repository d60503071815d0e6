using RuleEngine.Benchmarks.Rules;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RuleEngine.Demo;
using RuleEngine.Runs;
using RuleEngine.Runs.Isolation;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Benchmarks.Runs;

/// <summary>
/// Rules in worker processes against rules in the server, side by side in one process and one run of the tool:
/// a full run over N seeded customers (each path on its own fresh copy of the seeded file, alternating, several
/// rounds), and the editor's quick check, a dry run of 50 customers, alternating on one open file with warm workers.
/// Goals (issue "rules run in a worker process"): full run ≤ 1.15x, dry run of 50 ≤ 1.5x.
/// </summary>
public static class WorkerComparison
{
    public static async Task<int> RunAsync(int customers, string? seedFolder, int rounds)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var seedAt = seedFolder ?? Path.Combine(work, "seed");
            var (seed, _) = SeededFile.Ensure(seedAt, customers);
            Console.WriteLine($"{customers:N0} customers, {seed.Orders:N0} orders, {seed.Events:N0} events");
            var version = RunComparison.CompileRule();
            var inProcess = new RunOptions { PageSize = 500 };
            var inWorker = new RunOptions { PageSize = 500, Evaluation = RuleEvaluation.Worker };
            using var workers = new RuleWorkerPool(Options.Create(inWorker), NullLogger<RuleWorkerPool>.Instance);

            var full = new Dictionary<string, List<double>> { ["in process"] = [], ["worker"] = [] };
            for (var round = 0; round < rounds; round++)
            {
                var a = await RunComparison.Measure("in process", seedAt, Path.Combine(work, "a"), f => RunComparison.EngineRunAsync(f, version, inProcess));
                var b = await RunComparison.Measure("worker", seedAt, Path.Combine(work, "b"), f => RunComparison.EngineRunAsync(f, version, inWorker, workers));
                full["in process"].Add(a.Time.TotalSeconds);
                full["worker"].Add(b.Time.TotalSeconds);
            }
            Console.WriteLine();
            Console.WriteLine("| full run | rounds | median s | customers/s |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (path, times) in full)
                Console.WriteLine($"| {path} | {times.Count} | {Median(times):N2} | {customers / Median(times):N0} |");
            var fullRatio = Median(full["worker"]) / Median(full["in process"]);
            Console.WriteLine($"\nfull run, worker / in process: {fullRatio:N2}x (goal ≤ 1.15x: {(fullRatio <= 1.15 ? "met" : "NOT MET")})");

            var dry = await DryRunsOf50Async(seedAt, Path.Combine(work, "dry"), version, inProcess, inWorker, workers, customers);
            return fullRatio <= 1.15 && dry <= 1.5 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A rule whose evaluation, not storage, is the cost: about a millisecond of arithmetic per customer.</summary>
    const string CpuHeavyRule = """
        // kind: segmentation
        double acc = 0;
        for (var i = 1; i < 400_000; i++) acc += Math.Sqrt(i + Orders.Count);
        SetSegment("cpu", acc > 1e6 ? "high" : "low", $"{acc:N0}");
        """;

    /// <summary>One worker against two evaluating pages at once, for the cheap segmentation rule and a CPU-heavy one.</summary>
    public static async Task<int> LanesAsync(int customers, string? seedFolder, int rounds)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var seedAt = seedFolder ?? Path.Combine(work, "seed");
            SeededFile.Ensure(seedAt, customers);
            var options = new RunOptions { PageSize = 500, Evaluation = RuleEvaluation.Worker };
            using var workers = new RuleWorkerPool(Options.Create(options), NullLogger<RuleWorkerPool>.Instance);
            Console.WriteLine("| rule | customers | 1 worker, median s | 2 workers, median s | 2 / 1 speed-up |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var speedUps = new List<double>();
            foreach (var (name, script) in new[] { ("segmentation (cheap)", SegmentationLogic.Script), ("CPU-heavy (~1 ms per customer)", CpuHeavyRule) })
            {
                var version = RunComparison.CompileRule(script);
                var times = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
                for (var round = 0; round < rounds; round++)
                    foreach (var lanes in new[] { 1, 2 })
                    {
                        var laneOptions = new RunOptions { PageSize = 500, Evaluation = RuleEvaluation.Worker, WorkersPerRun = lanes };
                        var m = await RunComparison.Measure($"{lanes}", seedAt, Path.Combine(work, $"l{lanes}"), f => RunComparison.EngineRunAsync(f, version, laneOptions, workers));
                        times[lanes].Add(m.Time.TotalSeconds);
                    }
                var speedUp = Median(times[1]) / Median(times[2]);
                speedUps.Add(speedUp);
                Console.WriteLine($"| {name} | {customers:N0} | {Median(times[1]):N2} | {Median(times[2]):N2} | {speedUp:N2}x |");
            }
            Console.WriteLine($"\nCPU-heavy rule, two workers: {speedUps[^1]:N2}x faster (goal ≥ 1.6x: {(speedUps[^1] >= 1.6 ? "met" : "NOT MET")}); machine: {Environment.ProcessorCount} cores");
            return speedUps[^1] >= 1.6 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<double> DryRunsOf50Async(
        string seed, string folder, RuleEngine.Rules.ActiveVersion version, RunOptions inProcess, RunOptions inWorker, RuleWorkerPool workers, int customers)
    {
        RunComparison.Copy(seed, folder);
        var database = LiteDbFile.Open(folder);
        var writer = new LiteDbWriter(database);
        try
        {
            var paths = new[] { ("in process", RunComparison.Runner(database, writer, inProcess, null)), ("worker", RunComparison.Runner(database, writer, inWorker, workers)) };
            var times = paths.ToDictionary(p => p.Item1, _ => new List<double>());
            var random = new Random(50);
            for (var i = 0; i < 130; i++)
            {
                var ids = Enumerable.Range(0, 50).Select(_ => DemoDataGenerator.CustomerId(random.Next(customers))).Distinct().ToList();
                foreach (var (path, runner) in paths)
                {
                    var clock = Stopwatch.StartNew();
                    var run = await runner.ExecuteAsync(RunComparison.NewRun(dryRun: true, ids), version, CancellationToken.None);
                    if (run.Status != RunStatus.Succeeded) throw new InvalidOperationException($"{path} dry run {run.Status}: {run.Error}");
                    if (i >= 10) times[path].Add(clock.Elapsed.TotalMilliseconds); // the first ten warm both up
                }
            }
            Console.WriteLine();
            Console.WriteLine("| dry run of 50 customers | runs | p50 ms | p90 ms |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (path, list) in times)
                Console.WriteLine($"| {path} | {list.Count} | {Median(list):N1} | {Percentile(list, 0.9):N1} |");
            var ratio = Median(times["worker"]) / Median(times["in process"]);
            Console.WriteLine($"\ndry run of 50, worker / in process (p50): {ratio:N2}x (goal ≤ 1.5x: {(ratio <= 1.5 ? "met" : "NOT MET")})");
            return ratio;
        }
        finally
        {
            await writer.DisposeAsync();
            database.Dispose();
        }
    }

    static double Median(List<double> values) => Percentile(values, 0.5);

    static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }
}
