using LiteDB;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// A customer's standing from memory when held (<see cref="CustomerStandingCache"/>, kept exact by every write through
/// the engine), else in one turn at the storage lock (<see cref="SerializedLiteEngine.ReadInOneTurn"/>): its six reads
/// see the same committed state, and beside a bulk ingest the reader waits for the writer once, not six times.
/// </summary>
public sealed class LiteDbCustomerStandings(
    LiteDatabase database, ICustomerStore customers, ISegmentStore segments, IScoreStore scores, IPointsLedger points, IFollowUpStore followUps,
    CustomerStandingCache? cache = null)
    : ICustomerStandings
{
    public CustomerStanding? Find(string customerId, int openTasks)
    {
        openTasks = new PageRequest(openTasks).SafeLimit;
        if (cache is not null && cache.TryGet(customerId, openTasks, out var held)) return held;
        var stamp = cache?.StampOf(customerId) ?? 0;
        CustomerStanding? Read()
        {
            if (customers.Find(customerId) is not { } customer) return null;
            var tasks = followUps.List(new FollowUpQuery(FollowUpStatus.Open, CustomerId: customerId), new PageRequest(openTasks)).Items;
            return new CustomerStanding(customer, segments.CurrentFor(customerId), scores.ScoresFor(customerId), scores.TagsFor(customerId),
                points.BalanceOf(customerId), tasks);
        }
        var standing = LiteDbFile.EngineOf(database) is { } engine ? engine.ReadInOneTurn(Read) : Read();
        if (standing is not null) cache?.Fill(customerId, stamp, standing, openTasks);
        return standing;
    }
}
