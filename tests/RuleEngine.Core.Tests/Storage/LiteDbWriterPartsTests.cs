using LiteDB;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>Bulk work in parts (a run page's outcomes) against single writes (a redemption): who waits for whom.</summary>
public class LiteDbWriterPartsTests
{
    private static BsonDocument Doc(int id) => new() { ["_id"] = id };

    private static Func<LiteDatabase, int> Insert(int id) => db =>
    {
        db.GetCollection("t").Insert(Doc(id));
        return id;
    };

    [Fact]
    public async Task Parts_share_one_commit_while_nothing_else_waits()
    {
        await using var db = new TempDatabase();
        var before = db.Writer.Commits;

        var results = await db.Writer.WriteInPartsAsync(Enumerable.Range(1, 5).Select(Insert).ToList());

        Assert.Equal([1, 2, 3, 4, 5], results);
        Assert.Equal(1, db.Writer.Commits - before);
        Assert.Equal(5, db.Database.GetCollection("t").Count());
    }

    [Fact]
    public async Task A_single_write_queued_during_a_part_commits_before_the_next_part()
    {
        await using var db = new TempDatabase();
        var singleQueued = new ManualResetEventSlim();
        var singleRan = false;
        var singleRanBeforePart2 = (bool?)null;
        var parts = new List<Func<LiteDatabase, int>>
        {
            d => { singleQueued.Wait(); return Insert(1)(d); }, // holds the writer until the single write is queued
            d => { singleRanBeforePart2 = Volatile.Read(ref singleRan); return Insert(2)(d); },
            Insert(3),
        };

        var bulk = db.Writer.WriteInPartsAsync(parts);
        var single = db.Writer.WriteAsync(d => { Volatile.Write(ref singleRan, true); d.GetCollection("s").Insert(Doc(1)); });
        singleQueued.Set();
        await Task.WhenAll(bulk, single);

        Assert.True(singleRanBeforePart2, "the single write waited for the whole bulk work, not for the one part in progress");
        Assert.Equal(3, db.Database.GetCollection("t").Count());
    }

    [Fact]
    public async Task A_part_that_throws_fails_the_work_keeps_what_committed_before_and_runs_nothing_after()
    {
        await using var db = new TempDatabase();
        var first = await db.Writer.WriteInPartsAsync([Insert(1)]); // its own commit
        var ranAfter = false;
        var bulk = db.Writer.WriteInPartsAsync<int>(
        [
            Insert(2),
            _ => throw new InvalidOperationException("part 2 broke"),
            d => { ranAfter = true; return Insert(4)(d); },
        ]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bulk);
        Assert.Equal("part 2 broke", error.Message);
        Assert.False(ranAfter);
        // Part 1 of the failed work shared the failing part's transaction: rolled back with it.
        Assert.Equal([1], db.Database.GetCollection("t").FindAll().Select(d => d["_id"].AsInt32));
        Assert.Equal([1], first);
        await db.Writer.WriteAsync(d => d.GetCollection("t").Insert(Doc(5))); // the writer goes on
    }

    [Fact]
    public async Task Work_cancelled_before_its_first_part_runs_nothing()
    {
        await using var db = new TempDatabase();
        var gate = new ManualResetEventSlim();
        var blocker = db.Writer.WriteAsync(_ => gate.Wait());
        using var cancel = new CancellationTokenSource();
        var bulk = db.Writer.WriteInPartsAsync([Insert(1), Insert(2)], cancel.Token);
        await cancel.CancelAsync();
        gate.Set();
        await blocker;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bulk);
        await db.Writer.WriteAsync(_ => { });
        Assert.Equal(0, db.Database.GetCollection("t").Count());
    }

    [Fact]
    public async Task Single_writes_keep_coming_and_bulk_work_still_finishes()
    {
        await using var db = new TempDatabase();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
                await db.Writer.WriteAsync(d => d.GetCollection("s").Insert(new BsonDocument { ["_id"] = $"{c}-{n}" }));
        })).ToList();

        var results = await db.Writer.WriteInPartsAsync(Enumerable.Range(1, 200).Select(Insert).ToList()).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        Assert.Equal(Enumerable.Range(1, 200), results);
        Assert.Equal(200, db.Database.GetCollection("t").Count());
    }
}
