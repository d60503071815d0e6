using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;

namespace RuleEngine.Rules.Testing;

/// <summary>
/// Evaluates one given/expect case's customer: in the server (<see cref="InProcessCaseEvaluator"/>) or in a rule worker
/// (Runs/Isolation/WorkerCaseEvaluator), as runs are; the context's outcomes are filled either way.
/// </summary>
public interface IRuleCaseEvaluator
{
    RuleRuntimeError? Evaluate(LoadedRule rule, RuleContext context, TimeSpan limit, CancellationToken cancellation);
}

public sealed class InProcessCaseEvaluator : IRuleCaseEvaluator
{
    public static InProcessCaseEvaluator Instance { get; } = new();

    public RuleRuntimeError? Evaluate(LoadedRule rule, RuleContext context, TimeSpan limit, CancellationToken cancellation) =>
        RuleEvaluator.Evaluate(rule, rule.CreateInstance(), context, cancellation, limit);
}
