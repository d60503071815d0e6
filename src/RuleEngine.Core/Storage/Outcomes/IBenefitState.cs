using RuleEngine.Benefits.Draws;
using RuleEngine.Benefits.Redemptions;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// What a redemption or draw checks before it writes, read inside the same transaction as its writes, with nothing
/// able to write in between (LiteDB's one writer thread; PostgreSQL's lock on the customer's row and the stock rows).
/// </summary>
public interface IBenefitState
{
    Redemption? Redemption(string id);

    Draw? Draw(string id);

    long Balance(string customerId);

    long ChancesHeld(string customerId, string campaign);

    /// <summary>How many were issued against a stock.</summary>
    long Issued(string stockKey);
}
