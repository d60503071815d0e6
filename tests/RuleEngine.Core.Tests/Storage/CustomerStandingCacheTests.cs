using LiteDB;
using RuleEngine.Domain;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// Customers' standings are read from memory, and never older than the last acknowledged write touching them: every
/// write through the engine drops the standings it touched, whichever store made it.
/// </summary>
public class CustomerStandingCacheTests
{
    static OutcomeBatch Batch(int run, Func<OutcomeBatch, OutcomeBatch> with) => with(new OutcomeBatch { Source = Some.Run($"run-{run}") });

    [Fact]
    public async Task Every_kind_of_write_about_a_customer_is_seen_by_the_next_read_and_other_customers_stay_held()
    {
        await using var db = new TempDatabase();
        var (standings, cache) = (db.Standings, db.StandingCache);
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2", name: "Li Lei")]);
        var run = 0;

        async Task<CustomerStanding> AfterAsync(Func<Task> write)
        {
            Assert.NotNull(standings.Find("c1", openTasks: 10));
            Assert.NotNull(standings.Find("c2", openTasks: 10));
            Assert.True(cache.TryGet("c1", 10, out _), "c1's standing is held before the write");
            await write();
            Assert.True(cache.TryGet("c2", 10, out var other), "a write about c1 keeps c2's standing held");
            Assert.Equal("Li Lei", other.Customer.Name);
            return standings.Find("c1", openTasks: 10)!;
        }

        Assert.Equal("Zhang Wei", (await AfterAsync(() => db.Customers.UpsertAsync([Some.Customer("c1", name: "Zhang Wei")]))).Customer.Name);
        Assert.Equal("gold", (await AfterAsync(() => db.Outcomes.ApplyAsync(Batch(++run, b => b with { Segments = [new SegmentAssignment("c1", "tier", "gold")] })))).Segments["tier"]);
        Assert.Equal(0.7, Assert.Single((await AfterAsync(() => db.Outcomes.ApplyAsync(Batch(++run, b => b with { Scores = [new ScoreChange("c1", "churn-risk", 0.7)] })))).Scores).Value);
        Assert.Equal("vip", Assert.Single((await AfterAsync(() => db.Outcomes.ApplyAsync(Batch(++run, b => b with { Tags = [new TagChange("c1", "vip", Present: true)] })))).Tags).Tag);
        Assert.Empty((await AfterAsync(() => db.Outcomes.ApplyAsync(Batch(++run, b => b with { Tags = [new TagChange("c1", "vip", Present: false)] })))).Tags);
        Assert.Equal(120, (await AfterAsync(() => db.Outcomes.ApplyAsync(Batch(++run, b => b with { Points = [new PointsGrant("c1", PointsEntryType.Earn, 120, "order o-1", "order:o-1")] })))).PointsBalance);
        var task = Assert.Single((await AfterAsync(() => db.Outcomes.ApplyAsync(Batch(++run, b => b with { FollowUps = [new FollowUpRequest("c1", "call:1", Some.Time.AddDays(1), "phone")] })))).OpenTasks);
        Assert.Empty((await AfterAsync(() => db.FollowUps.UpdateStatusAsync(task.Id, FollowUpStatus.Done, "reached"))).OpenTasks);
    }

    [Fact]
    public async Task A_write_by_query_drops_every_held_standing()
    {
        await using var db = new TempDatabase();
        await db.Customers.UpsertAsync([Some.Customer("c1"), Some.Customer("c2")]);
        await db.Outcomes.ApplyAsync(Batch(1, b => b with { Points = [new PointsGrant("c1", PointsEntryType.Earn, 50, "welcome", "welcome")] }));
        Assert.Equal(50, db.Standings.Find("c1", openTasks: 10)!.PointsBalance);
        db.Standings.Find("c2", openTasks: 10);

        await db.Writer.WriteAsync(d => d.GetCollection(LiteDbCollections.Points).DeleteMany("1 = 1"));

        Assert.Equal(0, db.StandingCache.Count);
        Assert.Equal(0, db.Standings.Find("c1", openTasks: 10)!.PointsBalance);
    }

    [Fact]
    public void A_read_that_started_before_a_change_was_announced_is_not_kept()
    {
        var cache = new CustomerStandingCache(capacity: 10);
        var stamp = cache.StampOf("c1");
        cache.Changed("c1");
        cache.Fill("c1", stamp, Standing("c1", balance: 10), openTasksAsked: 10); // read from the file before the change
        Assert.False(cache.TryGet("c1", 10, out _));

        stamp = cache.StampOf("c1");
        cache.Fill("c1", stamp, Standing("c1", balance: 20), openTasksAsked: 10);
        Assert.True(cache.TryGet("c1", 10, out var held));
        Assert.Equal(20, held.PointsBalance);
        cache.ChangedAll();
        Assert.False(cache.TryGet("c1", 10, out _));
    }

    [Fact]
    public void A_standing_read_with_fewer_open_tasks_than_asked_for_serves_smaller_asks_only_when_it_lists_them_all()
    {
        var cache = new CustomerStandingCache(capacity: 10);
        var tasks = Enumerable.Range(0, 3).Select(i => OpenTask("c1", i)).ToList();
        cache.Fill("c1", cache.StampOf("c1"), Standing("c1", tasks: tasks[..1]), openTasksAsked: 1);
        Assert.True(cache.TryGet("c1", 1, out _));
        Assert.False(cache.TryGet("c1", 5, out _)); // there may be more than the one read

        cache.Fill("c1", cache.StampOf("c1"), Standing("c1", tasks: tasks), openTasksAsked: 5); // all three: fewer than asked
        Assert.True(cache.TryGet("c1", 100, out var all));
        Assert.Equal(3, all.OpenTasks.Count);
        Assert.True(cache.TryGet("c1", 2, out var two));
        Assert.Equal(tasks[..2], two.OpenTasks);
    }

    [Fact]
    public async Task Readers_racing_acknowledged_writes_never_see_an_older_balance()
    {
        await using var db = new TempDatabase();
        await db.Customers.UpsertAsync([Some.Customer("c1")]);
        var standings = db.Standings;
        using var stop = new CancellationTokenSource();
        long acknowledged = 0, stale = 0, reads = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var known = Interlocked.Read(ref acknowledged);
                if (standings.Find("c1", openTasks: 10)!.PointsBalance < known) Interlocked.Increment(ref stale);
                Interlocked.Increment(ref reads);
            }
        })).ToList();
        for (var i = 1; i <= 150; i++)
        {
            // Several writes in one transaction: readers get turns between them and must not keep what they read then.
            await Task.WhenAll(
                db.Outcomes.ApplyAsync(Batch(i, b => b with { Points = [new PointsGrant("c1", PointsEntryType.Earn, 1, $"grant {i}", $"grant:{i}")] })),
                db.Customers.UpsertAsync([Some.Customer("c2", name: $"other {i}")]));
            Interlocked.Exchange(ref acknowledged, i);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, Interlocked.Read(ref stale));
        Assert.True(Interlocked.Read(ref reads) > 150, $"{reads} reads");
        Assert.True(db.StandingCache.Lookups.Hits > 0, "some reads were served from memory");
        Assert.Equal(150, standings.Find("c1", openTasks: 10)!.PointsBalance);
    }

    [Fact]
    public void Held_standings_are_bounded_in_memory()
    {
        var one = HeapSize.Of(Standing("c000000"));
        var cache = new CustomerStandingCache(capacity: 100_000, byteBudget: one * 50);
        for (var i = 0; i < 500; i++) cache.Fill($"c{i:D6}", 0, Standing($"c{i:D6}"), openTasksAsked: 10);
        Assert.InRange(cache.Bytes, 1, one * 50);
        Assert.InRange(cache.Count, 1, 50);
        Assert.True(cache.TryGet("c000499", 10, out _));
    }

    static CustomerStanding Standing(string id, long balance = 0, IReadOnlyList<FollowUpTask>? tasks = null) => new(
        Some.Customer(id), new Dictionary<string, string> { ["tier"] = "gold", ["value-grade"] = "A" },
        [new Score { CustomerId = id, Name = "rfm", Value = 5, SetBy = Some.Run() }], [], balance, tasks ?? []);

    static FollowUpTask OpenTask(string customerId, int i) => new()
    {
        Id = $"t{i}", CustomerId = customerId, Due = Some.Time.AddDays(i), Channel = "phone", Key = $"call:{i}", Source = Some.Run(), CreatedAt = Some.Time,
    };
}
