using LiteDB;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// LiteDB's page cache never shrinks and grows to the most pages transactions held at once; the transaction pool we set
/// bounds what a transaction holds, without changing what it commits or rolls back.
/// </summary>
public class LiteDbMemoryTests
{
    const int Documents = 30_000; // ~2 KB each: ~60 MB of data pages, seven times the pool below

    [Fact]
    public async Task A_scan_of_the_whole_file_holds_no_more_than_the_pool()
    {
        var bounded = await ScanGrowthAsync(transactionMegabytes: 8);
        var unbounded = await ScanGrowthAsync(transactionMegabytes: 800);

        // The pool, LiteDB's 1,000 idle pages and a segment (measured: 8 MB); with LiteDB's own pool, the whole file.
        Assert.InRange(bounded, 0, 24L << 20);
        Assert.True(unbounded > 48L << 20, $"LiteDB's own pool lets a scan hold every page it read ({unbounded:N0} bytes)");
    }

    [Fact]
    public void A_transaction_larger_than_the_pool_commits_whole_or_rolls_back_whole()
    {
        foreach (var commit in new[] { true, false })
        {
            using var folder = new Folder();
            using (var engine = LiteDbFile.OpenEngine(folder.Path, transactionMegabytes: 8))
            using (var database = LiteDbFile.Open(engine))
            {
                database.BeginTrans();
                database.GetCollection("probe").Insert(Bodies(0, Documents)); // written to the log early, past the pool
                if (commit) database.Commit(); else database.Rollback();
            }
            using var reopened = LiteDbFile.Open(folder.Path);
            Assert.Equal(commit ? Documents : 0, reopened.GetCollection("probe").Count());
        }
    }

    /// <summary>Fills a file in small durable commits, then reads all of it in one query: how much the cache grew by the read.</summary>
    static async Task<long> ScanGrowthAsync(int transactionMegabytes)
    {
        using var folder = new Folder();
        using var engine = LiteDbFile.OpenEngine(folder.Path, transactionMegabytes);
        using var database = LiteDbFile.Open(engine);
        await using (var writer = new LiteDbWriter(database))
            for (var from = 0; from < Documents; from += 500)
                await writer.WriteAsync(d => d.GetCollection("probe").Insert(Bodies(from, 500)));
        var before = engine.CacheBytes ?? 0;
        Assert.Equal(Documents, database.GetCollection("probe").Query().ToEnumerable().Count());
        return (engine.CacheBytes ?? 0) - before;
    }

    static IEnumerable<BsonDocument> Bodies(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new BsonDocument { ["_id"] = $"doc-{i:D6}", ["Body"] = new string('x', 2_000) });

    sealed class Folder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ruleengine-core-tests", Guid.NewGuid().ToString("N"));
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
