using LiteDB;
using RuleEngine.Storage.LiteDb.Bson;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;

namespace RuleEngine.Storage.LiteDb;

/// <summary>
/// One-time upgrades of a file written by an older server: what newer code keeps beside the records (search keys,
/// segment counts and daily moves, run filter fields) is derived from the records once, then kept up to date with
/// every write. Each runs at start-up, before the writer starts, and is marked done in the meta collection, so a
/// file that has them costs one lookup each. A new file is marked at once (nothing to derive).
/// </summary>
public static class LiteDbUpgrades
{
    const int Chunk = 5_000;

    public static void Apply(LiteDatabase database)
    {
        Once(database, "customer-search-keys-v1", CustomerSearchKeysFromProfiles);
        // v2: one day document per kind with every value's moves (v1 had one per kind, day and value).
        Once(database, "segment-counts-v2", SegmentCountsFromStays);
        Once(database, "run-filter-fields-v1", RunFilterFields);
        Once(database, "points-days-v1", PointsDaysFromLedger);
    }

    static void Once(LiteDatabase database, string upgrade, Action<LiteDatabase> apply)
    {
        var meta = database.GetCollection(LiteDbCollections.Meta);
        if (meta.FindById(upgrade) is not null) return;
        apply(database);
        meta.Upsert(new BsonDocument { ["_id"] = upgrade, ["At"] = DateTime.UtcNow });
    }

    /// <summary>Rewrites customers whose documents lack the search keys (the keys are a function of the profile).</summary>
    static void CustomerSearchKeysFromProfiles(LiteDatabase database) =>
        Rewrite(database, LiteDbCollections.Customers, d => InputBson.ToBson(InputBson.ToCustomer(d)), d => !d.ContainsKey(CustomerSearchKeys.Name));

    static void RunFilterFields(LiteDatabase database) =>
        Rewrite(database, LiteDbCollections.Runs, d => RunBson.ToBson(RunBson.ToRun(d)), d => !d.ContainsKey("Trigger"));

    /// <summary>Rewrites, a chunk per transaction, the documents that <paramref name="needed"/> says lack the new fields.</summary>
    static void Rewrite(LiteDatabase database, string collection, Func<BsonDocument, BsonDocument> upgrade, Func<BsonDocument, bool> needed)
    {
        var documents = database.GetCollection(collection);
        string? after = null;
        while (true)
        {
            var chunk = (after is null ? documents.Find(Query.All(), limit: Chunk) : documents.Find(LiteDbQuery.After("_id", after), limit: Chunk)).ToList();
            if (chunk.Count == 0) return;
            database.BeginTrans();
            foreach (var document in chunk.Where(needed)) documents.Update(upgrade(document));
            database.Commit();
            after = chunk[^1]["_id"].AsString;
        }
    }

    /// <summary>Counts every stay once: open stays are the members now; entries and exits per day are the trend.</summary>
    public static void SegmentCountsFromStays(LiteDatabase database)
    {
        var members = new Dictionary<(string Kind, string Value), long>();
        var days = new Dictionary<(string Kind, string Day), Dictionary<string, long>>();
        foreach (var stay in database.GetCollection(LiteDbCollections.Segments).FindAll())
        {
            var (kind, value) = (stay["Kind"].AsString, stay["Value"].AsString);
            Move(days, kind, OutcomeTallies.Day(stay["EnteredAt"].AsDateTime), value, +1);
            if (stay["LeftAt"].IsNull) members[(kind, value)] = members.GetValueOrDefault((kind, value)) + 1;
            else
            {
                Move(days, kind, OutcomeTallies.Day(stay["LeftAt"].AsDateTime), value, -1);
                members.TryAdd((kind, value), 0);
            }
        }
        database.BeginTrans();
        database.GetCollection(LiteDbCollections.SegmentCounts).DeleteAll();
        database.GetCollection(LiteDbCollections.SegmentDays).DeleteAll();
        database.GetCollection(LiteDbCollections.SegmentCounts).InsertBulk(members.Select(m => LiteDbOutcomeWrites.CountDocument(m.Key.Kind, m.Key.Value, m.Value)));
        database.GetCollection(LiteDbCollections.SegmentDays).InsertBulk(days.Select(d => LiteDbOutcomeWrites.DayDocument(d.Key.Kind, d.Key.Day, d.Value)));
        database.Commit();
        LiteDbWriterKept.Of(database).ForgetAll();
    }

    /// <summary>Sums the whole ledger once into day totals: what the outcome writer and redemptions keep up to date after.</summary>
    public static void PointsDaysFromLedger(LiteDatabase database)
    {
        var tallies = new OutcomeTallies();
        foreach (var entry in database.GetCollection(LiteDbCollections.Points).FindAll())
            tallies.Points(OutcomeBson.ToPoints(entry).Type, entry["Delta"].AsInt64, entry["Source"]["At"].AsDateTime);
        database.BeginTrans();
        database.GetCollection(LiteDbCollections.PointsDays).DeleteAll();
        LiteDbOutcomeWrites.Execute(database, tallies.Writes());
        database.Commit();
        LiteDbWriterKept.Of(database).ForgetAll();
    }

    static void Move(Dictionary<(string Kind, string Day), Dictionary<string, long>> days, string kind, string day, string value, long delta)
    {
        if (!days.TryGetValue((kind, day), out var moves)) days[(kind, day)] = moves = new Dictionary<string, long>(StringComparer.Ordinal);
        moves[value] = moves.GetValueOrDefault(value) + delta;
    }
}
