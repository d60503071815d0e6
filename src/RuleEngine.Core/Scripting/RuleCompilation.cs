using RuleEngine.Scripting.Loading;

namespace RuleEngine.Scripting;

/// <summary>
/// The result of compiling one rule version: its header, every diagnostic (in the analyst's files), and the
/// emitted assembly when it compiled. <see cref="Succeeded"/> means it may become the active version.
/// </summary>
public sealed record RuleCompilation(
    RuleSources Sources,
    RuleHeader? Header,
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    CompiledAssembly? Assembly,
    bool FromCache = false)
{
    public bool Succeeded => Assembly is not null && Header is not null && !Diagnostics.Any(d => d.IsError);
}
