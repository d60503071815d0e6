using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.Postgres;

/// <summary>
/// Applies a rule's outcome batch in one transaction: its state read in a few set queries, planned with the one
/// <see cref="OutcomePlan"/> every backend shares, written as one batch of statements that each check what the plan
/// assumed (<see cref="PostgresOutcomeWrites"/>). A preview plans the same way and writes nothing.
/// </summary>
public sealed class PostgresOutcomeWriter(PostgresDatabase database) : IOutcomeWriter
{
    public async Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default) =>
        (await ApplyAsync(batch, OutcomeMode.Apply, cancellationToken)).Counts;

    public Task<OutcomeResult> ApplyAsync(OutcomeBatch batch, OutcomeMode mode, CancellationToken cancellationToken = default)
    {
        OutcomePlan.Validate(batch);
        if (mode == OutcomeMode.Preview) return Task.FromResult(database.Read(c => OutcomePlan.For(PostgresOutcomeState.Read(c, batch), batch).Result));
        return database.WriteAsync(async (c, _) =>
        {
            // Points taken away (a reversal, an expiry) must not slip in between a redemption's balance check and its
            // spend: they wait for the customer's lock, as redemptions do. Grants need no lock (a balance only grows).
            var losing = batch.Points.Where(p => p.Delta < 0).Select(p => p.CustomerId).ToList();
            if (losing.Count > 0) await PostgresLocks.CustomersAsync(c, losing, cancellationToken);
            var plan = OutcomePlan.For(PostgresOutcomeState.Read(c, batch), batch);
            await PostgresOutcomeWrites.ExecuteAsync(c, plan.Writes, cancellationToken);
            return plan.Result;
        }, cancellationToken);
    }
}
