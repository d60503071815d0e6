using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb.Outcomes;

internal static class ScoreOutcomes
{
    /// <summary>
    /// Sets the score when its value changes, keeping the rule's reason with it and a history entry of the change
    /// (value before, value after, source, reason); null when the value is already the stored one.
    /// </summary>
    public static OutcomeChange? Plan(StagedDocuments documents, ScoreChange change, OutcomeSource source)
    {
        var existing = documents.FindById(LiteDbCollections.Scores, $"{change.CustomerId}|{change.Name}");
        double? before = existing is null ? null : existing["Value"].AsDouble;
        if (before is { } value && value.Equals(change.Value)) return null;
        documents.Upsert(LiteDbCollections.Scores, OutcomeBson.ToBson(new Score
        {
            CustomerId = change.CustomerId, Name = change.Name, Value = change.Value, SetBy = source, Explanation = change.Explanation,
        }));
        documents.Upsert(LiteDbCollections.ScoreHistory, OutcomeBson.ToBson(new ScoreHistoryEntry
        {
            CustomerId = change.CustomerId, Name = change.Name, From = before, To = change.Value, Source = source, Explanation = change.Explanation,
        }));
        return new OutcomeChange(change.CustomerId, "score", change.Name, before is { } b ? OutcomePlan.Invariant(b) : null,
            OutcomePlan.Invariant(change.Value), change.Explanation);
    }
}
