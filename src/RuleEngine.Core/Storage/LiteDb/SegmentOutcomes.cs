using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Moves a customer between segment values, closing the old stay and opening a new one.</summary>
internal static class SegmentOutcomes
{
    public static void Validate(SegmentAssignment assignment)
    {
        // '|' separates the parts of the members index key.
        if (string.IsNullOrWhiteSpace(assignment.Kind) || assignment.Kind.Contains('|'))
            throw new ArgumentException($"Segment kind '{assignment.Kind}' must be non-empty and must not contain '|'.", nameof(assignment));
        if (assignment.Value is not null && (assignment.Value.Length == 0 || assignment.Value.Contains('|')))
            throw new ArgumentException($"Segment value '{assignment.Value}' must be non-empty and must not contain '|'.", nameof(assignment));
    }

    /// <summary>The change when the customer's segment of that kind changed (with the value left), else null.</summary>
    public static OutcomeChange? Apply(LiteDatabase db, SegmentAssignment assignment, OutcomeSource source)
    {
        var segments = db.GetCollection(LiteDbCollections.Segments);
        var open = segments.Find(Query.EQ("CustomerId", assignment.CustomerId)).Select(OutcomeBson.ToMembership)
            .FirstOrDefault(m => m.LeftAt is null && m.Kind == assignment.Kind);
        if (open?.Value == assignment.Value) return null;
        var change = new OutcomeChange(assignment.CustomerId, "segment", assignment.Kind, open?.Value, assignment.Value, assignment.Explanation);
        if (open is not null) segments.Update(OutcomeBson.ToBson(open with { LeftAt = source.At, LeftBy = source }));
        if (assignment.Value is null) return change;
        segments.Insert(OutcomeBson.ToBson(new SegmentMembership
        {
            // Chained to the stay it follows, so the id is deterministic yet unique even when a customer returns to a value.
            Id = OutcomeKeys.Hash(assignment.CustomerId, assignment.Kind, assignment.Value, source.RunId, open?.Id ?? ""),
            CustomerId = assignment.CustomerId, Kind = assignment.Kind, Value = assignment.Value,
            EnteredAt = source.At, EnteredBy = source, Explanation = assignment.Explanation,
        }));
        return change;
    }
}
