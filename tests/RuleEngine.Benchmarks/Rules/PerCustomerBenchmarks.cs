using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using RuleEngine.Demo;
using RuleEngine.Domain;
using RuleEngine.Runs;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Benchmarks.Rules;

/// <summary>
/// Per-customer evaluation of one segmentation rule set over 1,000 demo customers, the same logic four ways:
/// hand-written C# (the baseline), a RuleEngine compiled rule, Roslyn's script submission per customer (the
/// approach RuleEngine avoids) and Microsoft RulesEngine 6.0.1. Each benchmark evaluates every customer once.
/// </summary>
[MemoryDiagnoser]
public class PerCustomerBenchmarks
{
    const int Customers = 1_000;
    static readonly RunOptions RunDefaults = new();
    static readonly DateTime Now = DemoDataGenerator.Until;

    RuleContext[] _contexts = [];
    RulesEngineInput[] _inputs = [];
    RuleScript _rule = null!;
    LoadedRule _loaded = null!;
    ScriptRunner<object> _submission = null!;
    RulesEngine.RulesEngine _rulesEngine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var customers = new DemoDataGenerator().Generate(Customers).ToList();
        _contexts = customers.Select(c => Context(c.Customer, c.Orders, c.Events)).ToArray();
        _inputs = customers.Select(c => Input(c.Orders)).ToArray();

        var compilation = new RuleCompiler().Compile(RuleSources.FromText("segmentation.csx", SegmentationLogic.Script));
        if (!compilation.Succeeded) throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics));
        _loaded = LoadedRule.Load("segmentation", compilation.Sources.Hash, compilation.Assembly!);
        _rule = _loaded.CreateInstance();

        _submission = CSharpScript.Create(SubmissionScript, ScriptOptions.Default.WithOptimizationLevel(Microsoft.CodeAnalysis.OptimizationLevel.Release)
            .AddReferences(typeof(Order).Assembly).AddImports("System", "System.Linq", "RuleEngine.Domain"), typeof(SubmissionGlobals)).CreateDelegate();
        _rulesEngine = new RulesEngine.RulesEngine(RulesEngineWorkflows.All(), new RulesEngine.Models.ReSettings());
    }

    [Benchmark(Baseline = true, Description = "hand-written C#")]
    public int HandWritten()
    {
        var total = 0;
        foreach (var template in _contexts)
        {
            var outcomes = new List<RuleOutcome>(4);
            SegmentationLogic.HandWritten(template.Fresh(), outcomes);
            total += outcomes.Count;
        }
        return total;
    }

    /// <summary>Calls the rule as <see cref="RuleEngine.Runs.PageEvaluator"/> does in a run: one guard scope per page of
    /// the default size, the default per-customer time limit, <see cref="GuardedPage.Evaluate(LoadedRule, RuleScript, RuleContext)"/> per customer.</summary>
    [Benchmark(Description = "RuleEngine compiled rule")]
    public int CompiledRule()
    {
        var total = 0;
        for (var start = 0; start < _contexts.Length; start += RunDefaults.PageSize)
        {
            using var guarded = RuleEvaluator.BeginPage(CancellationToken.None, RunDefaults.CustomerTimeout);
            foreach (var template in _contexts.AsSpan(start, Math.Min(RunDefaults.PageSize, _contexts.Length - start)))
            {
                var context = template.Fresh();
                guarded.Evaluate(_loaded, _rule, context);
                total += context.Outcomes.Count;
            }
        }
        return total;
    }

    [Benchmark(Description = "Roslyn script submission per customer")]
    public int ScriptSubmission()
    {
        var total = 0;
        foreach (var template in _contexts)
        {
            var globals = new SubmissionGlobals { Orders = template.Orders, Now = template.Now };
            _submission(globals).GetAwaiter().GetResult();
            total += globals.Outcomes.Count;
        }
        return total;
    }

    [Benchmark(Description = "Microsoft RulesEngine 6.0.1")]
    public int MicrosoftRulesEngine()
    {
        var total = 0;
        foreach (var input in _inputs)
            foreach (var workflow in new[] { "grade", "tier", "lifecycle" })
            {
                var results = _rulesEngine.ExecuteAllRulesAsync(workflow, input).GetAwaiter().GetResult();
                if (results.FirstOrDefault(r => r.IsSuccess) is not null) total++;
            }
        return total;
    }

    [GlobalCleanup]
    public void Cleanup() => _loaded.Unload();

    static RuleContext Context(Customer customer, IReadOnlyList<Order> orders, IReadOnlyList<InteractionEvent> events) => new()
    {
        Customer = customer, Orders = orders.Where(o => o.At <= Now).ToList(), Events = events, Now = Now,
    };

    static RulesEngineInput Input(IReadOnlyList<Order> orders)
    {
        var visible = orders.Where(o => o.At <= Now).Select(o => new RulesEngineOrder(o.Amount, o.At, (int)o.Status)).ToList();
        var last = orders.LastOrDefault(o => o.Status == OrderStatus.Paid && o.At <= Now);
        return new RulesEngineInput(visible, Now, Now.AddDays(-365), last is null ? null : (int)(Now - last.At).TotalDays);
    }

    const string SubmissionScript = """
        var since = Now.AddDays(-365);
        var paid = Orders.Where(o => o.Status == OrderStatus.Paid && o.At <= Now).ToList();
        var spend = paid.Where(o => o.At > since).Sum(o => o.Amount);
        var count = paid.Count(o => o.At > since);
        var grade = spend >= 8000m ? "A" : spend >= 2000m ? "B" : "C";
        var tier = spend >= 50000m ? "diamond" : spend >= 20000m ? "platinum" : spend >= 8000m ? "gold" : spend >= 2000m ? "silver" : "ordinary";
        int? days = paid.Count == 0 ? null : (int)(Now - paid[^1].At).TotalDays;
        var stage = days is null ? "prospect" : days > 365 ? "lapsed" : days > 180 ? "at-risk" : count >= 6 ? "loyal" : count >= 2 ? "repeat" : "first-time";
        Outcomes.Add(("grade", grade)); Outcomes.Add(("tier", tier)); Outcomes.Add(("lifecycle", stage));
        """;
}

/// <summary>Globals of the script-submission variant.</summary>
public sealed class SubmissionGlobals
{
    public IReadOnlyList<Order> Orders { get; init; } = [];
    public DateTime Now { get; init; }
    public List<(string, string)> Outcomes { get; } = new(3);
}
