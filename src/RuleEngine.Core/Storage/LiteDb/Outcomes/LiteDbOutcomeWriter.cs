using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// Applies a rule's outcome batch in one transaction on the writer thread, or previews it: the preview plans the same
/// writes against the stored state with plain reads and never opens a write transaction, so a dry run cannot disturb
/// the writer (LiteDB 5.0.20 once failed to roll back a previewed transaction under load).
/// </summary>
public sealed class LiteDbOutcomeWriter(LiteDatabase database, LiteDbWriter writer) : IOutcomeWriter
{
    public async Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default) =>
        (await ApplyAsync(batch, OutcomeMode.Apply, cancellationToken)).Counts;

    public Task<OutcomeResult> ApplyAsync(OutcomeBatch batch, OutcomeMode mode, CancellationToken cancellationToken = default)
    {
        OutcomePlan.Validate(batch);
        if (mode == OutcomeMode.Preview) return Task.FromResult(OutcomePlan.For(new LiteDbOutcomeState(database), batch).Result);
        return writer.WriteAsync(db =>
        {
            var plan = OutcomePlan.For(new LiteDbOutcomeState(db), batch);
            LiteDbOutcomeWrites.Execute(db, plan.Writes);
            return plan.Result;
        }, cancellationToken);
    }
}
