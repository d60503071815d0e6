using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>Moves a customer between segment values, closing the old stay and opening a new one.</summary>
internal sealed class SegmentOutcomes(StagedDocuments documents)
{
    readonly SegmentTallies _tallies = new();

    // Open stays are found by a query on CustomerId, which staged writes cannot answer: the batch keeps its own view,
    // filled with all of a customer's open stays by one query the first time the customer is asked about (a rule set
    // usually assigns several kinds to each customer: grade, tier, lifecycle).
    readonly Dictionary<(string CustomerId, string Kind), SegmentMembership?> _openStays = [];
    readonly HashSet<string> _customersRead = [];

    public static void Validate(SegmentAssignment assignment)
    {
        // '|' separates the parts of the members index key.
        if (string.IsNullOrWhiteSpace(assignment.Kind) || assignment.Kind.Contains('|'))
            throw new ArgumentException($"Segment kind '{assignment.Kind}' must be non-empty and must not contain '|'.", nameof(assignment));
        if (assignment.Value is not null && (assignment.Value.Length == 0 || assignment.Value.Contains('|')))
            throw new ArgumentException($"Segment value '{assignment.Value}' must be non-empty and must not contain '|'.", nameof(assignment));
    }

    /// <summary>The change when the customer's segment of that kind changes (with the value left), else null.</summary>
    public OutcomeChange? Plan(SegmentAssignment assignment, OutcomeSource source)
    {
        var open = OpenStay(assignment.CustomerId, assignment.Kind);
        if (open?.Value == assignment.Value) return null;
        var change = new OutcomeChange(assignment.CustomerId, "segment", assignment.Kind, open?.Value, assignment.Value, assignment.Explanation);
        if (open is not null)
        {
            documents.Update(LiteDbCollections.Segments, OutcomeBson.ToBson(open with { LeftAt = source.At, LeftBy = source }));
            _tallies.Left(open.Kind, open.Value, source.At);
        }
        SegmentMembership? entered = assignment.Value is null ? null : new SegmentMembership
        {
            // Chained to the stay it follows, so the id is deterministic yet unique even when a customer returns to a value.
            // Led by the customer id so that a page of customers inserts into one stretch of the _id index: a bare hash
            // scatters the inserts over the whole index (a full segmentation run wrote twice the bytes; docs/performance.md).
            Id = $"{assignment.CustomerId}|{OutcomeKeys.Hash(assignment.CustomerId, assignment.Kind, assignment.Value, source.RunId, open?.Id ?? "")}",
            CustomerId = assignment.CustomerId, Kind = assignment.Kind, Value = assignment.Value,
            EnteredAt = source.At, EnteredBy = source, Explanation = assignment.Explanation,
        };
        if (entered is not null)
        {
            documents.Insert(LiteDbCollections.Segments, OutcomeBson.ToBson(entered));
            _tallies.Entered(entered.Kind, entered.Value, source.At);
        }
        _openStays[(assignment.CustomerId, assignment.Kind)] = entered;
        return change;
    }

    /// <summary>Stages the member counts the planned moves amount to; once, after the batch's last segment.</summary>
    public void StageCounts() => _tallies.Stage(documents);

    SegmentMembership? OpenStay(string customerId, string kind)
    {
        if (_customersRead.Add(customerId))
        {
            var stays = documents.Database.GetCollection(LiteDbCollections.Segments).Find(LiteDbQuery.Equal("CustomerId", customerId))
                .Select(OutcomeBson.ToMembership).Where(m => m.LeftAt is null);
            foreach (var stay in stays) _openStays.TryAdd((customerId, stay.Kind), stay);
        }
        return _openStays.GetValueOrDefault((customerId, kind));
    }
}
