using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Rules;

/// <summary>Drafts that run without being saved: a preview evaluates one beside the live version.</summary>
public sealed partial class RuleCatalog
{
    /// <summary>
    /// Loads a draft that <see cref="Validate"/> compiled, to run beside the live version. The version checks (the
    /// rule's tests) do not gate it: a preview is how an analyst sees what a draft would do before it is finished.
    /// The caller unloads it after use.
    /// </summary>
    public ActiveVersion LoadDraft(string name, RuleCompilation compilation)
    {
        if (!compilation.Succeeded) throw new ArgumentException("Only a draft that compiled can be loaded.", nameof(compilation));
        var loaded = LoadedRule.Load($"{name}:draft", compilation.Sources.Hash, compilation.Assembly!,
            () => _validator.CompileDiagnosticTwin(compilation.Sources));
        return new ActiveVersion(compilation.Header!, compilation.Sources, loaded, clock.GetUtcNow().UtcDateTime);
    }
}
