using LiteDB;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

public class LiteDbWriterTests
{
    private static BsonDocument Doc(int id) => new() { ["_id"] = id };

    /// <summary>Holds the writer thread inside a write until released, so that what queues meanwhile is one batch.</summary>
    private static (Task Blocker, ManualResetEventSlim Gate) BlockWriter(LiteDbWriter writer)
    {
        var gate = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var blocker = writer.WriteAsync(_ => { started.Set(); gate.Wait(); });
        started.Wait();
        return (blocker, gate);
    }

    [Fact]
    public async Task Writes_queued_while_a_commit_runs_share_the_next_commit()
    {
        await using var db = new TempDatabase();
        var (blocker, gate) = BlockWriter(db.Writer);
        var writes = Enumerable.Range(1, 20).Select(i => db.Writer.WriteAsync(d => d.GetCollection("t").Insert(Doc(i)))).ToList();
        var before = db.Writer.Commits;
        gate.Set();
        await blocker;
        await Task.WhenAll(writes);

        Assert.Equal(0, before);
        Assert.Equal(2, db.Writer.Commits);
        Assert.Equal(20, db.Database.GetCollection("t").Count());
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await using var db = new TempDatabase();
        var (blocker, gate) = BlockWriter(db.Writer);
        var good1 = db.Writer.WriteAsync(d => d.GetCollection("t").Insert(Doc(1)));
        var bad = db.Writer.WriteAsync(d =>
        {
            d.GetCollection("t").Insert(Doc(2));
            throw new InvalidOperationException("rule bug");
        });
        var good2 = db.Writer.WriteAsync(d => d.GetCollection("t").Insert(Doc(3)));
        gate.Set();
        await blocker;

        await good1;
        await good2;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal("rule bug", error.Message);
        Assert.Equal([1, 3], db.Database.GetCollection("t").FindAll().Select(d => d["_id"].AsInt32).Order());
    }

    [Fact]
    public async Task A_write_cancelled_before_it_ran_is_not_applied()
    {
        await using var db = new TempDatabase();
        var (blocker, gate) = BlockWriter(db.Writer);
        using var cancel = new CancellationTokenSource();
        var cancelled = db.Writer.WriteAsync(d => d.GetCollection("t").Insert(Doc(1)), cancel.Token);
        await cancel.CancelAsync();
        gate.Set();
        await blocker;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await db.Writer.WriteAsync(_ => { });
        Assert.Equal(0, db.Database.GetCollection("t").Count());
    }

    [Fact]
    public async Task Concurrent_callers_from_many_threads_all_land_in_the_file()
    {
        await using var db = new TempDatabase();
        var callers = Enumerable.Range(0, 8).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var orders = Enumerable.Range(0, 20).Select(k => Some.Order($"o-{caller}-{i}-{k}")).ToList();
                await db.Orders.UpsertAsync(orders);
            }
        })).ToList();
        await Task.WhenAll(callers);
        await db.ReopenAsync();

        Assert.Equal(8 * 50 * 20, db.Database.GetCollection(LiteDbCollections.Orders).Count());
        Assert.True(db.Database.GetCollection(LiteDbCollections.Orders).FindById("o-7-49-19") is not null);
    }

    [Fact]
    public async Task Disposing_the_writer_finishes_queued_writes_and_refuses_new_ones()
    {
        await using var db = new TempDatabase();
        var writes = Enumerable.Range(1, 100).Select(i => db.Writer.WriteAsync(d => d.GetCollection("t").Insert(Doc(i)))).ToList();
        await db.Writer.DisposeAsync();

        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => db.Writer.WriteAsync(_ => { }));
        Assert.Equal(100, db.Database.GetCollection("t").Count());
    }

    [Fact]
    public async Task Readers_on_other_threads_get_turns_and_see_only_committed_data_while_a_transaction_works()
    {
        await using var db = new TempDatabase();
        await db.Customers.UpsertAsync([Some.Customer("committed")]);
        var gate = new ManualResetEventSlim();
        var inserted = new ManualResetEventSlim();
        // A writer that keeps working in its open transaction: it holds the storage gate, handing it to readers between calls.
        var write = db.Writer.WriteAsync(d =>
        {
            d.GetCollection(LiteDbCollections.Customers).Insert(new BsonDocument { ["_id"] = "uncommitted" });
            inserted.Set();
            while (!gate.IsSet)
            {
                d.GetCollection(LiteDbCollections.Customers).FindById("uncommitted");
                Thread.Sleep(1);
            }
        });
        inserted.Wait();

        // A generous guard, not a timing assertion: a reader blocked by the writer would otherwise hang the run.
        var read = Task.Run(() => (db.Customers.Find("committed")?.Id, db.Customers.Find("uncommitted")?.Id));
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30)));
        gate.Set();
        await write;

        Assert.Same(read, finished);
        Assert.Equal(("committed", (string?)null), await read);
        Assert.NotNull(db.Customers.Find("uncommitted"));
    }
}
