using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Rules;

/// <summary>
/// A check a compiled version must pass before it becomes active (for example the rule's given/expect tests).
/// Any error it returns keeps the version pending and the last good version running.
/// </summary>
public interface IRuleVersionCheck
{
    IReadOnlyList<RuleDiagnostic> Check(RuleCompilation compilation, LoadedRule rule);
}
