using LiteDB;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Reliability.Crash;

/// <summary>What the file holds after a restart, read with the server stopped.</summary>
public sealed record LedgerFindings(long PointsEntries, long Tasks, int DuplicatedPoints, int DuplicatedTasks, long LostAcknowledgedOrders, int TornBatches);

/// <summary>
/// Opens the database file directly (the server stopped) and counts: points entries and tasks that exist more than
/// once for one (rule, customer, reason key), acknowledged orders that are missing, and unacknowledged batches that
/// are there only in part (an ingest batch is one commit: whole or absent).
/// </summary>
public static class LedgerCheck
{
    public static LedgerFindings Inspect(string dataPath, IEnumerable<string> acknowledgedBatches, IEnumerable<string> unansweredBatches, int ordersPerBatch)
    {
        using var database = LiteDbFile.Open(dataPath);
        var points = database.GetCollection(LiteDbCollections.Points);
        var tasks = database.GetCollection(LiteDbCollections.FollowUps);
        var orders = database.GetCollection(LiteDbCollections.Orders);
        long lost = 0;
        foreach (var batch in acknowledgedBatches) lost += ordersPerBatch - orders.Count(Query.StartsWith("_id", batch + "-"));
        var torn = unansweredBatches.Count(batch => orders.Count(Query.StartsWith("_id", batch + "-")) is var found && found != 0 && found != ordersPerBatch);
        return new LedgerFindings(points.LongCount(), tasks.LongCount(), Duplicates(points), Duplicates(tasks), lost, torn);
    }

    /// <summary>Every points entry and task, by id, as a line of what matters to the customer (not which run wrote it).</summary>
    public static (Dictionary<string, string> Points, Dictionary<string, string> Tasks) Snapshot(string dataPath)
    {
        using var database = LiteDbFile.Open(dataPath);
        var points = database.GetCollection(LiteDbCollections.Points).FindAll()
            .ToDictionary(d => d["_id"].AsString, d => $"{d["CustomerId"].AsString}|{d["Key"].AsString}|{d["Delta"].AsInt64}|{d["Reason"].AsString}");
        var tasks = database.GetCollection(LiteDbCollections.FollowUps).FindAll()
            .ToDictionary(d => d["_id"].AsString, d => $"{d["CustomerId"].AsString}|{d["Key"].AsString}|{d["Due"].AsDateTime:O}|{d["Channel"].AsString}|{d["Status"]}");
        return (points, tasks);
    }

    /// <summary>How many (rule, customer, key) groups hold more than one document: deterministic ids should make it zero.</summary>
    static int Duplicates(ILiteCollection<BsonDocument> collection) => collection.FindAll()
        .GroupBy(d => (d["Source"]["Rule"].AsString, d["CustomerId"].AsString, d["Key"].AsString))
        .Count(group => group.Count() > 1);
}
