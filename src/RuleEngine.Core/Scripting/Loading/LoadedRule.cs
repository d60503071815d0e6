using System.Reflection;
using RuleEngine.Scripting.Api;

namespace RuleEngine.Scripting.Loading;

/// <summary>
/// A rule version loaded into its own collectible context. <see cref="CreateInstance"/> gives the object whose
/// <c>Evaluate()</c> the runner calls per customer. <see cref="Unload"/> lets the runtime free the code once no
/// run still holds an instance.
/// </summary>
public sealed class LoadedRule
{
    readonly RuleLoadContext _context;
    readonly Type _type;
    readonly Lazy<LoadedRule?>? _diagnosticTwin;

    LoadedRule(RuleLoadContext context, Type type, Func<CompiledAssembly?>? compileTwin, string name, string hash, bool readsEvents, StateEffects effects, CompiledAssembly compiled)
    {
        Effects = effects;
        _context = context;
        Compiled = compiled;
        Name = name;
        Hash = hash;
        _type = type;
        ReadsEvents = readsEvents;
        if (compileTwin is not null)
            _diagnosticTwin = new(() => compileTwin() is { } twin ? Load($"{name}:debug", hash, twin) : null);
    }

    /// <param name="compileTwin">Compiles the same version unoptimised, on demand, to locate runtime errors precisely.</param>
    public static LoadedRule Load(string name, string hash, CompiledAssembly compiled, Func<CompiledAssembly?>? compileTwin = null)
    {
        var context = new RuleLoadContext($"rule:{name}@{hash[..12]}");
        using var image = new MemoryStream(compiled.Image, writable: false);
        using var pdb = new MemoryStream(compiled.Pdb, writable: false);
        var assembly = context.LoadFromStream(image, pdb);
        var type = assembly.GetType(RuleCodeGenerator.FullClassName, throwOnError: true)!;
        return new LoadedRule(context, type, compileTwin, name, hash, EventReads.By(compiled.Image), StateEffects.Of(compiled.Image), compiled);
    }

    /// <summary>The rule's name as loaded (a draft's ends in <c>:draft</c>) and its version hash.</summary>
    public string Name { get; }

    public string Hash { get; }

    /// <summary>The compiled bytes this version was loaded from: what a rule worker process loads (Runs/Isolation).</summary>
    public CompiledAssembly Compiled { get; }

    /// <summary>Whether the rule's code can read the customer's events; a run loads them only for rules that can.</summary>
    public bool ReadsEvents { get; }

    /// <summary>The state the rule's code can read and change: whether two triggered rules may run side by side.</summary>
    public StateEffects Effects { get; }

    /// <summary>The unoptimised twin of this version, compiled at the first runtime error that needs it.</summary>
    internal LoadedRule? DiagnosticTwin() => _diagnosticTwin?.Value;

    /// <summary>A fresh instance: one per run and thread, since rule code may keep fields.</summary>
    public RuleScript CreateInstance() => (RuleScript)Activator.CreateInstance(_type)!;

    /// <summary>Weak handle on the load context, for tests that prove unloading.</summary>
    internal WeakReference ContextReference => new(_context);

    internal Assembly Assembly => _type.Assembly;

    int _unloaded;

    /// <summary>Lets the runtime free this version's code once nothing uses it; calling it again does nothing.</summary>
    public void Unload()
    {
        if (Interlocked.Exchange(ref _unloaded, 1) == 1) return;
        _context.Unload();
        if (_diagnosticTwin is { IsValueCreated: true, Value: { } twin }) twin.Unload();
    }
}
