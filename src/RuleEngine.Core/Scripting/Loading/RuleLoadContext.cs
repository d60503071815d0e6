using System.Reflection;
using System.Runtime.Loader;

namespace RuleEngine.Scripting.Loading;

/// <summary>
/// A collectible load context holding exactly one rule version, so that replacing a rule frees its code
/// (Roslyn's own script loader never unloads: 1000 recompiles would leak 1000 assemblies). Everything
/// else (the runtime, RuleEngine.Core and its script API) resolves from the default context, so the
/// types a rule sees are the server's own.
/// </summary>
sealed class RuleLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
