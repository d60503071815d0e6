using LiteDB;

namespace RuleEngine.Storage.LiteDb;

/// <summary>Collection names and their indexes. A new collection is a name here plus its indexes in <see cref="EnsureIndexes"/>.</summary>
public static class LiteDbCollections
{
    public const string Customers = "customers";
    public const string Orders = "orders";
    public const string Events = "events";
    public const string Segments = "segments";
    public const string Scores = "scores";
    /// <summary>Every change of a score (the scores collection keeps only the current value).</summary>
    public const string ScoreHistory = "score_history";
    /// <summary>Current members per segment kind and value, kept with the stays (Storage/Outcomes/OutcomeTallies).</summary>
    public const string SegmentCounts = "segment_counts";
    /// <summary>Net change of members per segment kind, value and UTC day: the trend.</summary>
    public const string SegmentDays = "segment_days";
    /// <summary>Points earned, spent and expired per UTC day, kept with the ledger (Storage/Outcomes/OutcomeTallies).</summary>
    public const string PointsDays = "points_days";
    /// <summary>Which one-time upgrades of the file are done (LiteDbUpgrades).</summary>
    public const string Meta = "meta";
    public const string Tags = "tags";
    public const string Points = "points";
    public const string FollowUps = "followups";
    public const string RuleVersions = "rule_versions";
    public const string Runs = "runs";
    public const string RunLogs = "run_logs";
    public const string RunOutcomes = "run_outcomes";
    public const string Audit = "audit";
    public const string Coupons = "coupons";
    public const string DrawChances = "draw_chances";
    public const string Redemptions = "redemptions";
    public const string Draws = "draws";
    /// <summary>How many of each limited item or prize were issued: one small document per stock, counted up in the writer.</summary>
    public const string BenefitStock = "benefit_stock";
    public const string CatalogVersions = "catalog_versions";
    public const string TriggerOutbox = "trigger_outbox";

    /// <summary>Run once at start-up, before the writer starts; EnsureIndex is a no-op when the index exists.</summary>
    public static void EnsureIndexes(LiteDatabase database)
    {
        // By customer: the rule runner reads a page of customers' orders and events with one range scan each.
        database.GetCollection(Orders).EnsureIndex("CustomerId");
        database.GetCollection(Events).EnsureIndex("CustomerId");
        database.GetCollection(Segments).EnsureIndex("CustomerId");
        // Open = "kind|value|customerId" while the stay is open: members of a segment are a range of this index.
        database.GetCollection(Segments).EnsureIndex("Open");
        database.GetCollection(Scores).EnsureIndex("CustomerId");
        database.GetCollection(ScoreHistory).EnsureIndex("CustomerId");
        // Customer search: lowercased name, e-mail and phone digits, each followed by "|id" so that keys are unique
        // and a page can resume after the last key (LiteDbCustomerSearch).
        database.GetCollection(Customers).EnsureIndex("NameKey");
        database.GetCollection(Customers).EnsureIndex("EmailKey");
        database.GetCollection(Customers).EnsureIndex("PhoneKey");
        database.GetCollection(Tags).EnsureIndex("CustomerId");
        database.GetCollection(Points).EnsureIndex("CustomerId");
        database.GetCollection(FollowUps).EnsureIndex("CustomerId");
        // DueKey = "due|id": the follow-up list is ordered by due time and pages on this key.
        database.GetCollection(FollowUps).EnsureIndex("DueKey");
        database.GetCollection(RuleVersions).EnsureIndex("Rule");
        database.GetCollection(Runs).EnsureIndex("SortKey");
        database.GetCollection(Runs).EnsureIndex("Rule");
        database.GetCollection(Runs).EnsureIndex("Status");
        // The audit list filters by these; its order is the _id (the sequence number).
        database.GetCollection(Audit).EnsureIndex("At");
        database.GetCollection(Audit).EnsureIndex("Actor");
        database.GetCollection(Audit).EnsureIndex("Rule");
        database.GetCollection(Audit).EnsureIndex("Type");
        database.GetCollection(Coupons).EnsureIndex("CustomerId");
        database.GetCollection(DrawChances).EnsureIndex("CustomerId");
        database.GetCollection(Redemptions).EnsureIndex("CustomerId");
        database.GetCollection(Draws).EnsureIndex("CustomerId");
        // The dispatcher takes the longest-waiting entries of a kind: "kind|first-ingest ticks|customer" is that order.
        database.GetCollection(TriggerOutbox).EnsureIndex("Queue");
    }
}

internal static class LiteDbCollectionExtensions
{
    /// <summary>Inserts unless a document with the same id exists: how outcomes with deterministic ids stay written once.</summary>
    public static bool InsertIfMissing(this ILiteCollection<BsonDocument> collection, BsonDocument document)
    {
        if (collection.FindById(document["_id"]) is not null) return false;
        collection.Insert(document);
        return true;
    }
}
