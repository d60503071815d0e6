using RuleEngine.Rules.Testing;
using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Scripting.Runtime;
using RuleEngine.Storage;

namespace RuleEngine.Runs.Isolation;

/// <summary>
/// Evaluates a given/expect case in a rule worker, so that a rule's tests (run when a version is loaded, and from the
/// editor) cannot take the server down either. All cases share the workers kept under one pool key: a worker loads
/// each version it is sent, so checking the library's tests at start-up starts one worker, not one per rule.
/// </summary>
public sealed class WorkerCaseEvaluator(RuleWorkerPool pool) : IRuleCaseEvaluator
{
    const string PoolKey = "given-expect-tests";

    public RuleRuntimeError? Evaluate(LoadedRule rule, RuleContext context, TimeSpan limit, CancellationToken cancellation)
    {
        var worker = pool.Rent(PoolKey);
        var healthy = false;
        try
        {
            var start = new RunStart($"tests:{rule.Name}", rule.Name, rule.Hash, rule.Compiled.Image, rule.Compiled.Pdb, context.Now,
                context.Parameters, limit, context.Catalog);
            var answer = worker.Evaluate(start, new PageCall([new CustomerData(context.Customer, context.Orders, context.Events)]),
                wanted => new StatesGiven(wanted.CustomerIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => context.State(wanted.Parts), StringComparer.Ordinal)),
                question => new PopulationGiven((context.Population ?? throw new InvalidOperationException("Population statistics are not available in this case."))
                    .Of(question.Metric, question.WindowDays).SortedValues),
                // Past the guards' limit with room to spare: only what they cannot stop (one long framework call) meets this.
                limit * 2, cancellation);
            if (answer is null)
            {
                cancellation.ThrowIfCancellationRequested();
                return new RuleRuntimeError("RuleWorkerDied", $"The rule worker {worker.DeathReason()} while evaluating this case.", null, null, null, null);
            }
            var evaluated = answer.Customers.Single();
            healthy = evaluated.Error?.Type != nameof(OutOfMemoryException); // see WorkerPageEvaluator
            foreach (var outcome in evaluated.Outcomes) context.Add(outcome);
            return evaluated.Error;
        }
        finally
        {
            pool.Return(worker, healthy);
        }
    }
}
