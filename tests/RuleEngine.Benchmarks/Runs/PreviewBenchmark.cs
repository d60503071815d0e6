using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RuleEngine.Benchmarks.Rules;
using RuleEngine.Demo;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;

namespace RuleEngine.Benchmarks.Runs;

/// <summary>
/// A preview (draft against live, one read per page, two evaluations, both planned with reads only) over N demo
/// customers, next to a dry run of the same live rule, through the real runner on one LiteDB file whose state a real
/// run has filled first. Dry runs and previews alternate, several rounds, so that both meet the same machine load;
/// the figure that counts is the ratio of their medians (goal ≤ 2.2x), and the preview's own time (goal ≤ 3 s at 3,000).
/// The draft lowers the grade B and tier silver threshold from 2,000 to 1,500: customers move, as in a real edit.
/// </summary>
public static class PreviewBenchmark
{
    const int PageSize = 500;

    public static async Task<int> RunAsync(int customers, int rounds)
    {
        var work = Path.Combine(Path.GetTempPath(), "ruleengine-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var seed = Path.Combine(work, "seed");
            SeededFile.Ensure(seed, customers);
            RunComparison.Copy(seed, Path.Combine(work, "db"));
            var live = Load("segmentation", SegmentationLogic.Script);
            var compile = Stopwatch.StartNew();
            var draft = Load("segmentation", SegmentationLogic.Script.Replace("2000m", "1500m"));
            compile.Stop();

            var database = LiteDbFile.Open(Path.Combine(work, "db"));
            var writer = new LiteDbWriter(database);
            try
            {
                var runner = Runner(database, writer);
                await runner.ExecuteAsync(NewRun("state", dryRun: false), live, CancellationToken.None); // stored state to compare against
                await runner.ExecuteAsync(NewRun("warm-dry", dryRun: true), live, CancellationToken.None);
                await runner.ExecuteAsync(NewRun("warm-preview", dryRun: true), live, CancellationToken.None, draft);

                var dry = new List<double>();
                var preview = new List<double>();
                Run? last = null;
                Console.WriteLine($"{customers:N0} demo customers, page size {PageSize}, draft compiled in {compile.Elapsed.TotalSeconds:N2} s (warm compiler), load average {RunComparison.LoadAverage()}");
                Console.WriteLine("| round | dry run (s) | preview (s) | ratio | load average (1 min) |");
                Console.WriteLine("|---:|---:|---:|---:|---:|");
                for (var round = 1; round <= rounds; round++)
                {
                    // Alternating which goes first, so neither always runs on the caches the other left.
                    double d, p;
                    if (round % 2 == 0)
                    {
                        (last, p) = await TimeAsync(runner, $"preview-{round}", live, draft);
                        (_, d) = await TimeAsync(runner, $"dry-{round}", live, null);
                    }
                    else
                    {
                        (_, d) = await TimeAsync(runner, $"dry-{round}", live, null);
                        (last, p) = await TimeAsync(runner, $"preview-{round}", live, draft);
                    }
                    dry.Add(d);
                    preview.Add(p);
                    Console.WriteLine($"| {round} | {d:N2} | {preview[^1]:N2} | {preview[^1] / d:N2} | {RunComparison.LoadAverage()} |");
                }
                var ratio = Median(preview) / Median(dry);
                Console.WriteLine($"\nmedian dry run {Median(dry):N2} s, median preview {Median(preview):N2} s, preview / dry run ratio {ratio:N2}");
                Console.WriteLine($"last preview: {last!.Status}, {last.Counts.Evaluated:N0} evaluated, {last.Comparison!.CustomersDiffering:N0} customers differ, " +
                    $"moves: {string.Join(", ", last.Comparison.Moves.Take(4).Select(m => $"{m.Kind} {m.From}→{m.To} {m.Customers:N0}"))}");
                return 0;
            }
            finally
            {
                await writer.DisposeAsync();
                database.Dispose();
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<(Run Run, double Seconds)> TimeAsync(RuleRunner runner, string id, ActiveVersion live, ActiveVersion? draft)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var run = await runner.ExecuteAsync(NewRun(id, dryRun: true), live, CancellationToken.None, draft);
        watch.Stop();
        if (run.Status != RunStatus.Succeeded) throw new InvalidOperationException($"{id}: {run.Status} {run.Error}");
        return (run, watch.Elapsed.TotalSeconds);
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    static RuleRunner Runner(LiteDB.LiteDatabase database, LiteDbWriter writer) =>
        new(new LiteDbCustomerStream(database), new LiteDbCustomerStore(database, writer), new LiteDbOutcomeWriter(database, writer),
            new LiteDbRunStore(database, writer),
            new CustomerStateReader(new LiteDbSegmentStore(database), new LiteDbScoreStore(database), new LiteDbPointsLedger(database), new LiteDbFollowUpStore(database, writer)),
            Options.Create(new RunOptions { PageSize = PageSize }), TimeProvider.System, NullLogger<RuleRunner>.Instance);

    static Run NewRun(string id, bool dryRun) => new()
    {
        Id = id, Rule = "segmentation", Trigger = RunTrigger.Manual, TriggeredBy = "benchmark", DryRun = dryRun,
        AsOf = DemoDataGenerator.Until, Status = RunStatus.Pending, CreatedAt = DateTime.UtcNow,
    };

    /// <summary>Compiled before the clock starts: the server compiles a preview's draft when the request arrives.</summary>
    static ActiveVersion Load(string name, string script)
    {
        var compilation = new RuleCompiler().Compile(RuleSources.FromText($"{name}.csx", script));
        if (!compilation.Succeeded) throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics));
        return new ActiveVersion(compilation.Header!, compilation.Sources,
            LoadedRule.Load(name, compilation.Sources.Hash, compilation.Assembly!), DemoDataGenerator.Until);
    }
}
