using System.Diagnostics;
using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using LiteDB.Engine;
using RuleEngine.Demo;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Bson;

namespace RuleEngine.Benchmarks.Runs;

/// <summary>What a seeded file holds and what making it cost.</summary>
sealed record SeedContents(int Customers, long Orders, long Events, double Seconds, long PeakResidentBytes, long PeakManagedBytes);

/// <summary>
/// The benchmark's input: N demo customers with their orders and events in one LiteDB file, built as fast as LiteDB
/// allows and kept in its folder for the next run of the same size (a million customers take minutes to seed).
/// </summary>
static class SeededFile
{
    /// <summary>One transaction per chunk: ~80,000 documents, a few MB of pages held until commit.</summary>
    const int CustomersPerTransaction = 5_000;

    const string Marker = "seeded.json";

    /// <summary>The file in <paramref name="folder"/> if it holds exactly <paramref name="customers"/> demo customers, else seeds it anew.</summary>
    public static (SeedContents Contents, bool Reused) Ensure(string folder, int customers)
    {
        var marker = Path.Combine(folder, Marker);
        if (File.Exists(marker) && JsonSerializer.Deserialize<SeedContents>(File.ReadAllText(marker)) is { } seeded && seeded.Customers == customers)
            return (seeded, true);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var contents = Seed(Path.Combine(folder, LiteDbFile.FileName), customers);
        // Written last: a marker means a complete file.
        File.WriteAllText(marker, JsonSerializer.Serialize(contents));
        return (contents, false);
    }

    static SeedContents Seed(string path, int customers)
    {
        var watch = Stopwatch.StartNew();
        using var peaks = MemoryPeaks.Start();
        long orders = 0, events = 0;
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
        {
            // The engine over a plain stream keeps its log in memory (checkpointed into the file every 1,000 pages) and,
            // not seeing a FileStream, never fsyncs: the load runs at the speed of LiteDB's CPU work instead of the disk's.
            var settings = new EngineSettings { DataStream = new UnsyncedStream(file), Collation = LiteDbFile.Collation };
            using (var db = new LiteDatabase(new LiteEngine(settings)) { UtcDate = true })
            {
                // Indexes first: ids arrive in ascending order, so each insert appends to its index; building the
                // CustomerId indexes after the load was measured slower (more CPU, a second pass over every document).
                LiteDbCollections.EnsureIndexes(db);
                foreach (var chunk in new DemoDataGenerator().Generate(customers).Chunk(CustomersPerTransaction))
                {
                    db.BeginTrans();
                    db.GetCollection(LiteDbCollections.Customers).InsertBulk(chunk.Select(c => InputBson.ToBson(c.Customer)));
                    db.GetCollection(LiteDbCollections.Orders).InsertBulk(chunk.SelectMany(c => c.Orders).Select(InputBson.ToBson));
                    db.GetCollection(LiteDbCollections.Events).InsertBulk(chunk.SelectMany(c => c.Events).Select(InputBson.ToBson));
                    db.Commit();
                    orders += chunk.Sum(c => c.Orders.Count);
                    events += chunk.Sum(c => c.Events.Count);
                }
            }
            file.Flush(flushToDisk: true);
        }
        return new SeedContents(customers, orders, events, watch.Elapsed.TotalSeconds, peaks.Resident, peaks.Managed);
    }
}
