using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.Outcomes;

/// <summary>
/// One day's points flow, each a positive amount for its direction: earned is the net of earn entries (a refund's
/// reversal, a negative earn, lowers it), spent and expired the points that left the balances.
/// </summary>
public readonly record struct PointsDay(long Earned, long Spent, long Expired)
{
    public static PointsDay Of(PointsEntryType type, long delta) => default(PointsDay).Plus(type, delta);

    public PointsDay Plus(PointsEntryType type, long delta) => type switch
    {
        PointsEntryType.Earn => this with { Earned = Earned + delta },
        PointsEntryType.Spend => this with { Spent = Spent - delta },
        _ => this with { Expired = Expired - delta },
    };

    public PointsDay Plus(PointsDay other) => new(Earned + other.Earned, Spent + other.Spent, Expired + other.Expired);
}
