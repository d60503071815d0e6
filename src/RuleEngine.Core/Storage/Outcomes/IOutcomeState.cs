using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// The stored state an outcome batch is planned against: only what its keys touch. Both backends read everything a
/// batch can ask about up front, one query per collection or table (LiteDB: one query per question cost the writer a
/// fifth of its time; PostgreSQL: one round trip per outcome), so the plan may ask only about the batch's own keys.
/// </summary>
public interface IOutcomeState
{
    /// <summary>The customer's open segment stays (at most one per kind).</summary>
    IReadOnlyList<SegmentMembership> OpenStays(string customerId);

    Score? Score(string customerId, string name);

    bool HasTag(string customerId, string tag);

    bool HasPoints(string id);

    FollowUpTask? Task(string id);

    bool HasCoupon(string id);

    bool HasDrawChance(string id);
}
