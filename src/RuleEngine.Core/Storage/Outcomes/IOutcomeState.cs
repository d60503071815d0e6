using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// The stored state an outcome batch is planned against: only what its keys touch. LiteDB answers each question with a
/// lookup in the file; PostgreSQL reads everything a batch can ask about in a few set queries first (one round trip per
/// table, not one per outcome).
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
