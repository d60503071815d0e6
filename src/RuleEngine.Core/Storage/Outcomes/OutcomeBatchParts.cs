using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// Cuts an outcome batch into batches of a few customers each (every outcome of a customer in the same one, in the
/// batch's order), and joins their results back into the result of the whole: outcome plans are per customer, so the
/// parts plan exactly what the whole does.
/// </summary>
public static class OutcomeBatchParts
{
    public static IReadOnlyList<OutcomeBatch> Split(OutcomeBatch batch, int customersPerPart)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customersPerPart, 1);
        var customers = CustomersOf(batch);
        if (customers.Count <= customersPerPart) return [batch];
        var partOf = new Dictionary<string, int>(customers.Count, StringComparer.Ordinal);
        for (var i = 0; i < customers.Count; i++) partOf[customers[i]] = i / customersPerPart;
        var count = (customers.Count + customersPerPart - 1) / customersPerPart;
        return Enumerable.Range(0, count).Select(part => new OutcomeBatch
        {
            Source = batch.Source,
            Segments = Of(batch.Segments, s => s.CustomerId, part),
            Scores = Of(batch.Scores, s => s.CustomerId, part),
            Tags = Of(batch.Tags, t => t.CustomerId, part),
            Points = Of(batch.Points, p => p.CustomerId, part),
            FollowUps = Of(batch.FollowUps, f => f.CustomerId, part),
            Cancellations = Of(batch.Cancellations, c => c.CustomerId, part),
            Coupons = Of(batch.Coupons, c => c.CustomerId, part),
            DrawChances = Of(batch.DrawChances, d => d.CustomerId, part),
        }).ToList();

        IReadOnlyList<T> Of<T>(IReadOnlyList<T> outcomes, Func<T, string> customer, int part) =>
            outcomes.Count == 0 ? [] : outcomes.Where(o => partOf[customer(o)] == part).ToList();
    }

    /// <summary>
    /// The parts' counts added up and their changes in the whole plan's order (kind by kind, see
    /// <see cref="OutcomePlan.For"/>); within a kind, in the parts' order, which is the batch's when the batch lists its
    /// customers in one order, as a run's pages do.
    /// </summary>
    public static OutcomeResult Join(IReadOnlyList<OutcomeResult> results) => results.Count == 1
        ? results[0]
        : new OutcomeResult(
            results.Aggregate(new OutcomeCounts(), (sum, r) => sum + r.Counts),
            results.SelectMany(r => r.Changes).OrderBy(c => Array.IndexOf(PlanOrder, c.Type)).ToList());

    static readonly string[] PlanOrder = ["segment", "score", "tag", "points", "task", "task_cancel", "coupon", "draw_chance"];

    static List<string> CustomersOf(OutcomeBatch batch)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(string id)
        {
            if (seen.Add(id)) order.Add(id);
        }
        foreach (var s in batch.Segments) Add(s.CustomerId);
        foreach (var s in batch.Scores) Add(s.CustomerId);
        foreach (var t in batch.Tags) Add(t.CustomerId);
        foreach (var p in batch.Points) Add(p.CustomerId);
        foreach (var f in batch.FollowUps) Add(f.CustomerId);
        foreach (var c in batch.Cancellations) Add(c.CustomerId);
        foreach (var c in batch.Coupons) Add(c.CustomerId);
        foreach (var d in batch.DrawChances) Add(d.CustomerId);
        return order;
    }
}
