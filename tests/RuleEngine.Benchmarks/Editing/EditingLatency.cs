using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RuleEngine.Editing;
using RuleEngine.Rules;
using RuleEngine.Scripting;

namespace RuleEngine.Benchmarks.Editing;

/// <summary>
/// What an analyst waits for per keystroke: diagnostics of a 100-line rule and completions in it, each as the first
/// call of the process (cold) and as p50/p99 over many calls with the text changing each time (warm), beside
/// validate (the same compile plus emit) measured the same way. One process, one pass; the machine load is printed
/// because the figures mean little without it.
///   dotnet run -c Release --project tests/RuleEngine.Benchmarks -- editing [calls]
/// </summary>
public static class EditingLatency
{
    public static async Task<int> RunAsync(int calls)
    {
        Console.WriteLine($"load average before: {LoadAverage()}  ({Environment.ProcessorCount} CPUs)");
        var root = Path.Combine(Path.GetTempPath(), "ruleengine-editing-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var catalog = new RuleCatalog(new RuleEngineOptions { RulesPath = root, DataPath = Path.Combine(root, "data") },
            new RuleCompiler(), new NoVersions(), [], TimeProvider.System, NullLogger<RuleCatalog>.Instance);
        using var editor = new RuleEditor(catalog);
        var rule = HundredLineRule();
        Console.WriteLine($"rule: {rule.Split('\n').Length - 1} lines, {rule.Length} characters");

        var coldDiagnostics = Time(() => editor.Diagnostics(rule));
        var coldCompletions = await TimeAsync(() => editor.CompletionsAsync(rule + "Segm", rule.Length + 4));
        var coldHover = await TimeAsync(() => editor.HoverAsync(rule, rule.IndexOf("SpendWithin", StringComparison.Ordinal) + 2));

        var diagnostics = new List<double>();
        var validate = new List<double>();
        var completions = new List<double>();
        var hovers = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            var typed = rule + $"var typed{i} = {i};\n"; // each call sees a new text, as typing makes it
            diagnostics.Add(Time(() => editor.Diagnostics(typed)));
            validate.Add(Time(() => catalog.Validate(typed)));
            var prefix = typed + "var t = Segm";
            completions.Add(await TimeAsync(() => editor.CompletionsAsync(prefix, prefix.Length)));
            hovers.Add(await TimeAsync(() => editor.HoverAsync(typed, typed.IndexOf("SpendWithin", StringComparison.Ordinal) + 2)));
        }

        Console.WriteLine($"{"call",-12} {"cold ms",8} {"p50 ms",8} {"p99 ms",8} {"max ms",8}   ({calls} warm calls each)");
        Row("diagnostics", coldDiagnostics, diagnostics);
        Row("validate", double.NaN, validate);
        Row("completions", coldCompletions, completions);
        Row("hover", coldHover, hovers);
        Console.WriteLine($"diagnostics/validate p50 ratio: {Percentile(diagnostics, 0.5) / Percentile(validate, 0.5):0.00}");
        Console.WriteLine($"workspaces built: {editor.WorkspacesCreated}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        return 0;
    }

    /// <summary>A segmentation rule of 100 lines: a header, a helper function, windows of spend and a decision.</summary>
    static string HundredLineRule()
    {
        var lines = new List<string>
        {
            "// name: bench-hundred", "// kind: segmentation", "// description: a 100-line rule for the editing benchmark",
            "string Grade(decimal spend) => spend >= 10_000m ? \"A\" : spend >= 3_000m ? \"B\" : \"C\";",
            "var total = 0m;",
        };
        for (var i = 0; lines.Count < 97; i++)
        {
            lines.Add($"var window{i} = SpendWithin({(i + 1) * 7}) - {i}m;");
            lines.Add($"if (window{i} > {i * 10}m && OrderCountWithin({(i + 1) * 7}) > {i % 5}) total += window{i} / {i + 1};");
            lines.Add($"foreach (var order in Orders.Where(o => o.At > Now.AddDays(-{(i + 1) * 7}))) total += order.Amount * 0.001m;");
        }
        lines.Add("var tier = Segment(\"tier\") ?? \"none\";");
        lines.Add("SetSegment(\"bench\", Grade(total), $\"weighted spend {total:0.00}, tier {tier}\");");
        return string.Join('\n', lines.Take(100)) + "\n";
    }

    static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    static async Task<double> TimeAsync<T>(Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    static void Row(string name, double cold, List<double> warm) =>
        Console.WriteLine($"{name,-12} {(double.IsNaN(cold) ? "-" : cold.ToString("0")),8} {Percentile(warm, 0.5),8:0.0} {Percentile(warm, 0.99),8:0.0} {warm.Max(),8:0.0}");

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>The editor saves nothing; the catalog needs a version store only to exist.</summary>
    sealed class NoVersions : RuleEngine.Storage.IRuleVersionStore
    {
        public Task SaveAsync(RuleVersion version, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public IReadOnlyList<RuleVersion> ListVersions(string rule) => [];
        public RuleVersion? FindVersion(string rule, string hash) => null;
        public IReadOnlyList<RuleVersion> LatestGoodVersions() => [];
    }
}
