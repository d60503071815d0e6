using LiteDB;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb.Outcomes;

/// <summary>
/// An outcome plan's writes as documents; only on the writer thread, inside its transaction (which is also what makes
/// the read-and-add of the kept counts safe). <c>segment_counts</c> holds one document per kind and value ("kind|value");
/// <c>segment_days</c> one per kind and UTC day ("kind|yyyy-MM-dd", so a kind's days are one _id range in day order)
/// with every value's net moves that day; <c>points_days</c> one per UTC day ("yyyy-MM-dd").
/// </summary>
internal static class LiteDbOutcomeWrites
{
    public static void Execute(LiteDatabase db, IEnumerable<OutcomeWrite> writes)
    {
        foreach (var write in writes) Execute(db, write);
    }

    static void Execute(LiteDatabase db, OutcomeWrite write)
    {
        switch (write)
        {
            case StayOpened w: Collection(db, LiteDbCollections.Segments).Insert(OutcomeBson.ToBson(w.Stay)); break;
            case StayClosed w: Collection(db, LiteDbCollections.Segments).Update(OutcomeBson.ToBson(w.Stay)); break;
            case ScoreSet w:
                Collection(db, LiteDbCollections.Scores).Upsert(OutcomeBson.ToBson(w.Score));
                Collection(db, LiteDbCollections.ScoreHistory).Upsert(OutcomeBson.ToBson(w.Change));
                break;
            case TagAdded w: Collection(db, LiteDbCollections.Tags).Insert(OutcomeBson.ToBson(w.Tag)); break;
            case TagRemoved w: Collection(db, LiteDbCollections.Tags).Delete($"{w.CustomerId}|{w.Tag}"); break;
            case PointsAdded w:
                Collection(db, LiteDbCollections.Points).Insert(OutcomeBson.ToBson(w.Entry));
                LiteDbWriterKept.Of(db).Balances.Change(w.Entry.CustomerId, balance => balance + w.Entry.Delta);
                LiteDbWriterKept.Of(db).StoredPoints.Stored([w.Entry.Id]);
                break;
            case TaskCreated w: Collection(db, LiteDbCollections.FollowUps).Insert(FollowUpBson.ToBson(w.Task)); break;
            case TaskChanged w: Collection(db, LiteDbCollections.FollowUps).Update(FollowUpBson.ToBson(w.Task)); break;
            case CouponGranted w: Collection(db, LiteDbCollections.Coupons).Insert(BenefitBson.ToBson(w.Coupon)); break;
            case DrawChanceGranted w: Collection(db, LiteDbCollections.DrawChances).Insert(BenefitBson.ToBson(w.Chance)); break;
            case SegmentMembersChanged w:
            {
                var members = Tally(db, LiteDbCollections.SegmentCounts, CountId(w.Kind, w.Value))?["Members"].AsInt64 ?? 0;
                SetTally(db, LiteDbCollections.SegmentCounts, CountDocument(w.Kind, w.Value, members + w.Delta));
                break;
            }
            case SegmentDayMoved w:
            {
                var moves = DayMoves(Tally(db, LiteDbCollections.SegmentDays, DayId(w.Kind, w.Day)));
                foreach (var (value, delta) in w.Moves) moves[value] = moves.GetValueOrDefault(value) + delta;
                SetTally(db, LiteDbCollections.SegmentDays, DayDocument(w.Kind, w.Day, moves));
                break;
            }
            case PointsDayAdded w:
                SetTally(db, LiteDbCollections.PointsDays, PointsDayDocument(w.Day, PointsDayOf(Tally(db, LiteDbCollections.PointsDays, w.Day)).Plus(w.Flow)));
                break;
            case RedemptionMade w: Collection(db, LiteDbCollections.Redemptions).Insert(BenefitBson.ToBson(w.Redemption)); break;
            case DrawMade w: Collection(db, LiteDbCollections.Draws).Insert(BenefitBson.ToBson(w.Draw)); break;
            case StockIssued w:
                SetTally(db, LiteDbCollections.BenefitStock, new BsonDocument { ["_id"] = w.StockKey, ["Issued"] = LiteDbBenefitWrites.Issued(db, w.StockKey) + 1 });
                break;
            case AuditAppended w: LiteDbAuditStore.AppendIn(db, w.Seal); break;
            default: throw new NotSupportedException($"No LiteDB write for {write.GetType().Name}.");
        }
    }

    static ILiteCollection<BsonDocument> Collection(LiteDatabase db, string name) => db.GetCollection(name);

    /// <summary>A tally document (a count, a day's moves, a stock counter) as the writer last wrote it: read from the file once.</summary>
    public static BsonDocument? Tally(LiteDatabase db, string collection, string id) =>
        LiteDbWriterKept.Of(db).Tallies.Get($"{collection}|{id}", () => Collection(db, collection).FindById(id));

    static void SetTally(LiteDatabase db, string collection, BsonDocument document)
    {
        Collection(db, collection).Upsert(document);
        LiteDbWriterKept.Of(db).Tallies.Set($"{collection}|{document["_id"].AsString}", document);
    }

    /// <summary>"kind|value": a kind's values are one range of the _id index.</summary>
    public static string CountId(string kind, string value) => $"{kind}|{value}";

    /// <summary>"kind|day": a kind's days are one range, in day order (ordinal collation, ISO dates).</summary>
    public static string DayId(string kind, string day) => $"{kind}|{day}";

    public static BsonDocument CountDocument(string kind, string value, long members) => new()
    {
        ["_id"] = CountId(kind, value), ["Kind"] = kind, ["Value"] = value, ["Members"] = members,
    };

    /// <summary>Moves is value → net members entered that day (negative: more left).</summary>
    public static BsonDocument DayDocument(string kind, string day, IReadOnlyDictionary<string, long> moves)
    {
        var values = new BsonDocument();
        foreach (var (value, delta) in moves) values[value] = delta;
        return new BsonDocument { ["_id"] = DayId(kind, day), ["Kind"] = kind, ["Day"] = day, ["Moves"] = values };
    }

    static Dictionary<string, long> DayMoves(BsonDocument? document) =>
        document?["Moves"] is { IsDocument: true } moves
            ? moves.AsDocument.ToDictionary(m => m.Key, m => m.Value.AsInt64, StringComparer.Ordinal)
            : new Dictionary<string, long>(StringComparer.Ordinal);

    public static BsonDocument PointsDayDocument(string day, PointsDay flow) => new()
    {
        ["_id"] = day, ["Earned"] = flow.Earned, ["Spent"] = flow.Spent, ["Expired"] = flow.Expired,
    };

    public static PointsDay PointsDayOf(BsonDocument? document) => document is null
        ? default
        : new PointsDay(document["Earned"].AsInt64, document["Spent"].AsInt64, document["Expired"].AsInt64);
}
