using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// Applies a rule's outcome batch on the writer thread as bulk work, or previews it: the preview plans the same writes
/// against the stored state with plain reads and never opens a write transaction, so a dry run cannot disturb the writer
/// (LiteDB 5.0.20 once failed to roll back a previewed transaction under load).
/// <para>
/// A batch is applied in parts of <see cref="CustomersPerPart"/> customers, each planned and written against what the
/// parts before it committed, so a shop's redemption queued meanwhile waits for one part rather than a whole run page
/// (see <see cref="LiteDbWriter"/>). A customer's outcomes never straddle two parts, and every plan is per customer,
/// so the parts add up to what the whole batch plans (a dry run's counts stay the real run's). A crash between parts
/// leaves the first ones applied; the batch applied again adds only the rest, as with any repeat.
/// </para>
/// </summary>
public sealed class LiteDbOutcomeWriter(LiteDatabase database, LiteDbWriter writer) : IOutcomeWriter
{
    /// <summary>
    /// About 4 ms of the writer's time for segment and points outcomes on the benchmark machine. The writer commits bulk
    /// parts together while no single write waits, so a small part costs a commit only when a redemption or an ingest
    /// is queued, and then it bounds that write's wait: parts of 25 measured ~10% more redemptions a second during a run
    /// than parts of 100, and triggered runs beside a steady ingest were no slower (docs/performance.md, "Redemptions").
    /// </summary>
    public const int CustomersPerPart = 25;

    public async Task<OutcomeCounts> ApplyAsync(OutcomeBatch batch, CancellationToken cancellationToken = default) =>
        (await ApplyAsync(batch, OutcomeMode.Apply, cancellationToken)).Counts;

    public async Task<OutcomeResult> ApplyAsync(OutcomeBatch batch, OutcomeMode mode, CancellationToken cancellationToken = default)
    {
        OutcomePlan.Validate(batch);
        if (mode == OutcomeMode.Preview) return Preview(batch);
        var parts = OutcomeBatchParts.Split(batch, CustomersPerPart).Select(part => (Func<LiteDatabase, OutcomeResult>)(db =>
        {
            var plan = OutcomePlan.For(new LiteDbOutcomeState(db, part), part);
            LiteDbOutcomeWrites.Execute(db, plan.Writes);
            return plan.Result;
        })).ToList();
        var results = await writer.WriteInPartsAsync(parts, cancellationToken);
        return OutcomeBatchParts.Join(results);
    }

    /// <summary>
    /// A plan asks the file one question per outcome (is this points entry there, this task, this tag?), thousands for a
    /// page of a purchase rule; beside a busy writer each question waited for the storage lock on its own (a dry run of
    /// 50 customers took 0.7 s, at worst 23 s, under the mixed load). Each part is planned in one turn at the lock
    /// instead: about the time the writer spends on the same part when it applies it.
    /// </summary>
    OutcomeResult Preview(OutcomeBatch batch)
    {
        var engine = LiteDbFile.EngineOf(database);
        var results = OutcomeBatchParts.Split(batch, CustomersPerPart).Select(part =>
        {
            OutcomeResult Plan() => OutcomePlan.For(new LiteDbOutcomeState(database, part), part).Result;
            return engine is null ? Plan() : engine.ReadInOneTurn(Plan);
        }).ToList();
        return OutcomeBatchParts.Join(results);
    }
}
