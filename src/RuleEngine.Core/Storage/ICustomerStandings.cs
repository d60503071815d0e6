using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage;

/// <summary>A customer's profile with everything rules decided about them now, read as one committed state.</summary>
public sealed record CustomerStanding(
    Customer Customer, IReadOnlyDictionary<string, string> Segments, IReadOnlyList<Score> Scores, IReadOnlyList<CustomerTag> Tags,
    long PointsBalance, IReadOnlyList<FollowUpTask> OpenTasks);

public interface ICustomerStandings
{
    /// <summary>Null for an unknown customer; at most <paramref name="openTasks"/> open tasks, soonest due first.</summary>
    CustomerStanding? Find(string customerId, int openTasks);
}
