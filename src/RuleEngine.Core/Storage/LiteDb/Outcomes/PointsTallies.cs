using LiteDB;
using RuleEngine.Domain.Outcomes;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// Points earned, spent and expired per UTC day, kept beside the ledger so that the dashboard's "points per week" reads
/// a few hundred small documents, never the ledger: <c>points_days</c> holds one document per day (id "yyyy-MM-dd", so a
/// range of days is a range of the _id index). Every ledger insert adds to its day in the same writer transaction:
/// rule outcomes through <see cref="Stage"/>, redemptions and draws through <see cref="AddIn"/>.
/// </summary>
internal sealed class PointsTallies
{
    readonly Dictionary<string, PointsDay> _days = new(StringComparer.Ordinal);

    public void Add(PointsEntryType type, long delta, DateTime at)
    {
        var day = SegmentTallies.Day(at);
        _days[day] = _days.GetValueOrDefault(day, PointsDay.Empty).Plus(type, delta);
    }

    /// <summary>Stages the new day totals: read once per day touched (as the staged view sees them), written once.</summary>
    public void Stage(StagedDocuments documents)
    {
        foreach (var (day, added) in _days)
        {
            var stored = PointsDay.From(documents.FindById(LiteDbCollections.PointsDays, day));
            documents.Upsert(LiteDbCollections.PointsDays, stored.Plus(added).ToBson(day));
        }
        _days.Clear();
    }

    /// <summary>Adds one entry to its day directly: for writes already inside the writer's transaction.</summary>
    public static void AddIn(LiteDatabase db, PointsEntryType type, long delta, DateTime at)
    {
        var days = db.GetCollection(LiteDbCollections.PointsDays);
        var day = SegmentTallies.Day(at);
        days.Upsert(PointsDay.From(days.FindById(day)).Plus(type, delta).ToBson(day));
    }
}

/// <summary>
/// One day's points flow, each a positive amount for its direction: earned is the net of earn entries (a refund's
/// reversal, a negative earn, lowers it), spent and expired the points that left the balances.
/// </summary>
internal readonly record struct PointsDay(long Earned, long Spent, long Expired)
{
    public static PointsDay Empty => default;

    public PointsDay Plus(PointsEntryType type, long delta) => type switch
    {
        PointsEntryType.Earn => this with { Earned = Earned + delta },
        PointsEntryType.Spend => this with { Spent = Spent - delta },
        _ => this with { Expired = Expired - delta },
    };

    public PointsDay Plus(PointsDay other) => new(Earned + other.Earned, Spent + other.Spent, Expired + other.Expired);

    public BsonDocument ToBson(string day) => new()
    {
        ["_id"] = day, ["Earned"] = Earned, ["Spent"] = Spent, ["Expired"] = Expired,
    };

    public static PointsDay From(BsonDocument? document) => document is null
        ? Empty
        : new PointsDay(document["Earned"].AsInt64, document["Spent"].AsInt64, document["Expired"].AsInt64);
}
