using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Tests.Scripting;

/// <summary>
/// Replaced rule versions are unloaded: recompiling a rule many times does not grow the process.
/// Runs alone: other tests loading rules at the same time would move the counts it compares.
/// </summary>
[Collection(nameof(UnloadTests))]
public class UnloadTests
{
    const int Recompiles = 1000;

    [Fact]
    public void Recompiling_a_rule_1000_times_keeps_loaded_assemblies_and_heap_flat()
    {
        var compiler = new RuleCompiler();
        var contexts = new List<WeakReference>();
        for (var i = 0; i < 50; i++) contexts.Add(CompileRunAndUnload(compiler, i));
        var (assembliesBefore, heapBefore) = Settle(contexts);

        for (var i = 50; i < Recompiles; i++) contexts.Add(CompileRunAndUnload(compiler, i));
        var (assembliesAfter, heapAfter) = Settle(contexts);

        Assert.All(contexts, c => Assert.False(c.IsAlive));
        Assert.InRange(assembliesAfter, 0, assembliesBefore + 2);
        Assert.InRange(heapAfter - heapBefore, long.MinValue, 32L * 1024 * 1024);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference CompileRunAndUnload(RuleCompiler compiler, int version)
    {
        var compilation = compiler.Compile(RuleSources.FromText("grade.csx",
            $"// kind: segmentation\nvar v = {version};\nfor (var i = 0; i < 3; i++) v++;\nSetSegment(\"grade\", v.ToString(), \"version {version}\");\n"));
        Assert.True(compilation.Succeeded);
        var loaded = LoadedRule.Load("grade", compilation.Sources.Hash, compilation.Assembly!);
        var context = Some.Context();
        Assert.Null(RuleEvaluator.Evaluate(loaded.CreateInstance(), context, CancellationToken.None));
        Assert.Single(context.Outcomes);
        var reference = loaded.ContextReference;
        loaded.Unload();
        return reference;
    }

    static (int Assemblies, long Heap) Settle(List<WeakReference> contexts)
    {
        for (var i = 0; i < 20 && contexts.Any(c => c.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        GC.Collect();
        return (AppDomain.CurrentDomain.GetAssemblies().Length + AssemblyLoadContext.All.Count(), GC.GetTotalMemory(forceFullCollection: true));
    }
}

[CollectionDefinition(nameof(UnloadTests), DisableParallelization = true)]
public sealed class UnloadTestsCollection;
