using RuleEngine.Demo;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Reliability.Serving;

/// <summary>
/// Writes the deterministic demo data set straight into a data folder, before any server runs on it. Not through
/// RuleEngine:SeedDemoData: that also runs every rule once, and the crash campaign needs the rules' work still to do.
/// </summary>
public static class DemoSeed
{
    public static (int Customers, long Orders, long Events) Write(string dataPath, int customers)
    {
        using var database = LiteDbFile.Open(dataPath);
        long orders = 0, events = 0;
        foreach (var chunk in new DemoDataGenerator().Generate(customers).Chunk(5_000))
        {
            database.GetCollection(LiteDbCollections.Customers).InsertBulk(chunk.Select(c => InputBson.ToBson(c.Customer)));
            database.GetCollection(LiteDbCollections.Orders).InsertBulk(chunk.SelectMany(c => c.Orders).Select(InputBson.ToBson));
            database.GetCollection(LiteDbCollections.Events).InsertBulk(chunk.SelectMany(c => c.Events).Select(InputBson.ToBson));
            orders += chunk.Sum(c => c.Orders.Count);
            events += chunk.Sum(c => c.Events.Count);
        }
        return (customers, orders, events);
    }

    /// <summary>A copy of a data folder (the database file and whatever lies beside it), so two servers can start from one input.</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }
}
