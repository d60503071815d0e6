using RuleEngine.Runs;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>Single runs are read from memory, and never an older state than the last one stored.</summary>
public class RunRecordCacheTests
{
    static Run ARun(string id, long processed, RunStatus status = RunStatus.Running) => new()
    {
        Id = id, Rule = "value-grade", Trigger = RunTrigger.Manual, TriggeredBy = "ops", AsOf = Some.Time, Status = status,
        CreatedAt = Some.Time, Progress = new RunProgress(processed, 1_000),
    };

    [Fact]
    public async Task A_stored_state_is_served_from_memory_and_equals_the_file()
    {
        await using var db = new TempDatabase();
        var cache = new RunRecordCache(capacity: 10);
        var store = new LiteDbRunStore(db.Database, db.Writer, cache: cache);
        await store.TryCreateAsync(ARun("r1", 0, RunStatus.Pending));
        await store.SaveAsync(ARun("r1", 400));

        Assert.True(cache.TryGet("r1", out var held));
        Assert.Equal(400, held.Progress.Processed);
        Assert.Equal(400, new LiteDbRunStore(db.Database, db.Writer).Find("r1")!.Progress.Processed);
        Assert.Null(store.Find("missing"));
        Assert.False(cache.TryGet("missing", out _));
    }

    [Fact]
    public async Task A_run_read_from_the_file_is_kept_and_a_later_state_replaces_it()
    {
        await using var db = new TempDatabase();
        await new LiteDbRunStore(db.Database, db.Writer).TryCreateAsync(ARun("r1", 10));
        var cache = new RunRecordCache(capacity: 10);
        var store = new LiteDbRunStore(db.Database, db.Writer, cache: cache);

        Assert.Equal(10, store.Find("r1")!.Progress.Processed);
        Assert.True(cache.TryGet("r1", out _));
        await store.SaveAsync(ARun("r1", 20, RunStatus.Succeeded));
        Assert.Equal((20L, RunStatus.Succeeded), (store.Find("r1")!.Progress.Processed, store.Find("r1")!.Status));
    }

    [Fact]
    public void A_read_that_started_before_a_write_ended_is_not_kept()
    {
        var cache = new RunRecordCache(capacity: 10);
        var stamp = cache.StampOf("r1");
        cache.Stored(ARun("r1", 50));
        cache.Fill("r1", stamp, ARun("r1", 40)); // read from the file before the write: older
        Assert.True(cache.TryGet("r1", out var held));
        Assert.Equal(50, held.Progress.Processed);

        var evicted = new RunRecordCache(capacity: 1);
        stamp = evicted.StampOf("r1");
        evicted.Stored(ARun("r1", 50));
        evicted.Stored(ARun("other", 1)); // r1 evicted meanwhile
        evicted.Stored(ARun("other2", 1));
        evicted.Fill("r1", stamp, ARun("r1", 40));
        Assert.False(evicted.TryGet("r1", out _));
    }

    [Fact]
    public async Task Readers_racing_saves_never_see_a_state_older_than_the_last_acknowledged()
    {
        await using var db = new TempDatabase();
        var cache = new RunRecordCache(capacity: 3);
        var store = new LiteDbRunStore(db.Database, db.Writer, cache: cache);
        await store.TryCreateAsync(ARun("r1", 0));
        using var stop = new CancellationTokenSource();
        long acknowledged = 0, stale = 0;
        var readers = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var known = Interlocked.Read(ref acknowledged);
                if (store.Find("r1")!.Progress.Processed < known) Interlocked.Increment(ref stale);
                store.Find($"absent-{i}"); // misses go to the file and keep nothing
            }
        })).ToList();
        for (var processed = 1; processed <= 200; processed++)
        {
            await store.SaveAsync(ARun("r1", processed));
            if (processed % 20 == 0) await store.TryCreateAsync(ARun($"r{processed}", 0)); // others pass through the small cache
            Interlocked.Exchange(ref acknowledged, processed);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, Interlocked.Read(ref stale));
        Assert.InRange(cache.Count, 1, 3);
        Assert.Equal(200, store.Find("r1")!.Progress.Processed);
    }

    [Fact]
    public void Triggered_batches_naming_thousands_of_customers_are_bounded_in_memory_and_a_record_too_large_is_never_stale()
    {
        Run Batch(string id, int customers, long processed = 0) => ARun(id, processed) with
        {
            Trigger = RunTrigger.Event, CustomerIds = Enumerable.Range(0, customers).Select(i => $"customer-{i:D6}").ToList(),
        };
        var perBatch = HeapSize.Of(Batch("x", 1_000));
        Assert.True(perBatch > 40_000, $"a batch of 1,000 customers is estimated at {perBatch:N0} bytes");
        var cache = new RunRecordCache(capacity: 2_000, byteBudget: perBatch * 10);
        for (var i = 0; i < 30; i++) cache.Stored(Batch($"b{i}", 1_000));
        Assert.InRange(cache.Bytes, 1, perBatch * 10);
        Assert.InRange(cache.Count, 1, 10);
        Assert.True(cache.TryGet("b29", out _));

        // A record over a tenth of the budget is not held, and the smaller state held before it goes too.
        cache.Stored(Batch("big", 10, processed: 1));
        cache.Stored(Batch("big", 2_000, processed: 2));
        Assert.False(cache.TryGet("big", out _));
    }
}
