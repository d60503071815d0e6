using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// A preview (a dry run's page) plans the very writes a real apply would make, but only reads: it reports the same
/// changes, keeps nothing and never goes through the writer, so it cannot disturb or be refused by it.
/// </summary>
public abstract class OutcomePreviewTests
{
    protected abstract TestStorage NewStorage();

    // Outcomes of one batch that meet each other: the second of each pair must see the first as if it were written.
    protected static OutcomeBatch Overlapping(OutcomeSource source) => new()
    {
        Source = source,
        Segments = [new SegmentAssignment("c1", "tier", "gold"), new SegmentAssignment("c1", "tier", "platinum"), new SegmentAssignment("c2", "tier", null)],
        Scores = [new ScoreChange("c1", "churn", 0.4), new ScoreChange("c1", "churn", 0.4)],
        Tags = [new TagChange("c1", "vip", Present: true), new TagChange("c1", "vip", Present: false), new TagChange("c1", "vip", Present: false)],
        Points = [new PointsGrant("c1", PointsEntryType.Earn, 50, "order o-1", "order:o-1"), new PointsGrant("c1", PointsEntryType.Earn, 50, "order o-1", "order:o-1")],
        FollowUps = [new FollowUpRequest("c1", "call", Some.Time.AddDays(2), "phone", "Call"), new FollowUpRequest("c1", "call", Some.Time.AddDays(3), "phone", "Call again")],
        Cancellations = [new FollowUpCancellation("c1", "call", "resolved"), new FollowUpCancellation("c1", "call", "resolved")],
    };

    [Fact]
    public async Task A_preview_reports_exactly_what_applying_the_batch_then_changes_and_keeps_nothing()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run("run-0"), Segments = [new SegmentAssignment("c2", "tier", "silver")] });
        var commitsBefore = (db as TempDatabase)?.Writer.Commits; // LiteDB: not even a transaction

        var preview = await db.Outcomes.ApplyAsync(Overlapping(Some.Run("run-1")), OutcomeMode.Preview);

        Assert.Equal(commitsBefore, (db as TempDatabase)?.Writer.Commits);
        Assert.Empty(db.Segments.CurrentFor("c1"));
        Assert.Equal(0, db.Points.BalanceOf("c1"));
        Assert.Empty(db.FollowUps.List(new(), new()).Items);

        var applied = await db.Outcomes.ApplyAsync(Overlapping(Some.Run("run-1")), OutcomeMode.Apply);

        Assert.Equal(applied.Counts, preview.Counts);
        Assert.Equal(applied.Changes, preview.Changes);
        Assert.Equal(new OutcomeCounts { SegmentChanges = 3, ScoreChanges = 1, TagChanges = 2, PointsEntries = 1, PointsAwarded = 50, TasksCreated = 1, TasksCancelled = 1 }, applied.Counts);
        Assert.Equal("platinum", db.Segments.CurrentFor("c1")["tier"]);
        Assert.Equal(["gold", "platinum"], db.Segments.HistoryFor("c1").Select(s => s.Value));
        Assert.Empty(db.Segments.CurrentFor("c2"));
        Assert.Equal(50, db.Points.BalanceOf("c1"));
    }

    [Fact]
    public async Task A_preview_after_the_real_apply_plans_against_what_is_stored_now()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Overlapping(Some.Run("run-1")), OutcomeMode.Apply);

        var preview = await db.Outcomes.ApplyAsync(Overlapping(Some.Run("run-1")), OutcomeMode.Preview);

        // Points, tasks and scores were written once and are not planned again. The batch's own back-and-forth is:
        // stored platinum → gold → platinum is two moves, and the vip tag (stored absent) is added then removed.
        Assert.Equal(new OutcomeCounts { SegmentChanges = 2, TagChanges = 2 }, preview.Counts);
    }

}

public sealed class OutcomePreviewOnLiteDb : OutcomePreviewTests
{
    protected override TestStorage NewStorage() => new TempDatabase();

    [Fact]
    public async Task A_preview_does_not_wait_for_the_writer()
    {
        await using var db = new TempDatabase();
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run("run-0"), Segments = [new SegmentAssignment("c2", "tier", "silver")] });
        using var release = new ManualResetEventSlim();
        // A long write that keeps working (as real ones do: they call the engine, and readers get turns between calls).
        var busy = db.Writer.WriteAsync(d =>
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (!release.IsSet && DateTime.UtcNow < until)
            {
                d.GetCollection(LiteDbCollections.Segments).FindById("none");
                Thread.Sleep(1);
            }
        });

        // The writer thread is held by another write: a preview that queued behind it would not finish.
        var preview = db.Outcomes.ApplyAsync(Overlapping(Some.Run("run-1")), OutcomeMode.Preview);

        Assert.True(preview.IsCompleted);
        Assert.Equal(new OutcomeChange("c2", "segment", "tier", "silver", null, null), (await preview).Changes.Single(c => c.CustomerId == "c2"));
        Assert.False(busy.IsCompleted);
        release.Set();
        await busy;
    }

    [Fact]
    public async Task A_preview_takes_one_turn_at_the_storage_lock_per_part_not_one_per_question()
    {
        // A plan asks the file a question per outcome (is this points entry there?); beside a busy writer each turn at
        // the lock is a wait of about a writer slice, so a page of a purchase rule waited thousands of times.
        await using var db = new TempDatabase();
        var ids = Enumerable.Range(0, 150).Select(i => $"c{i:D3}").ToList();
        var page = new OutcomeBatch
        {
            Source = Some.Run("run-1"),
            Points = [.. ids.SelectMany(id => Enumerable.Range(0, 10).Select(n => new PointsGrant(id, PointsEntryType.Earn, 1, "order", $"order:{id}-{n}")))],
        };
        var engine = LiteDbFile.EngineOf(db.Database)!;
        var before = engine.Turns;

        var preview = await db.Outcomes.ApplyAsync(page, OutcomeMode.Preview);

        Assert.Equal(1_500, preview.Counts.PointsEntries);
        var parts = (ids.Count + LiteDbOutcomeWriter.CustomersPerPart - 1) / LiteDbOutcomeWriter.CustomersPerPart;
        var turns = engine.Turns - before;
        Assert.True(turns <= parts + 1, $"{turns} turns at the storage lock for {parts} parts of customers");
    }
}

[Trait("Backend", "postgres")]
public sealed class OutcomePreviewOnPostgres : OutcomePreviewTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
