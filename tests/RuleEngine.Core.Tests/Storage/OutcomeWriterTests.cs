using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

public abstract class OutcomeWriterTests
{
    protected abstract TestStorage NewStorage();

    private static OutcomeBatch Batch(OutcomeSource source) => new()
    {
        Source = source,
        Segments = [new SegmentAssignment("c1", "value-grade", "A", "top 10% by spend"), new SegmentAssignment("c2", "value-grade", "B")],
        Scores = [new ScoreChange("c1", "rfm", 5.5)],
        Tags = [new TagChange("c1", "vip", Present: true)],
        Points = [new PointsGrant("c1", PointsEntryType.Earn, 120, "order o-1", "order:o-1"), new PointsGrant("c1", PointsEntryType.Spend, -20, "coupon", "redeem:r-1")],
        FollowUps = [new FollowUpRequest("c1", "visit:v-1:day3", Some.Time.AddDays(3), "phone", "Ask whether the instructions are followed")],
    };

    [Fact]
    public async Task Applying_the_same_batch_twice_changes_nothing_the_second_time()
    {
        await using var db = NewStorage();

        var first = await db.Outcomes.ApplyAsync(Batch(Some.Run("run-1")));
        var second = await db.Outcomes.ApplyAsync(Batch(Some.Run("run-1")));

        Assert.Equal(new OutcomeCounts { SegmentChanges = 2, ScoreChanges = 1, TagChanges = 1, PointsEntries = 2, PointsAwarded = 120, TasksCreated = 1 }, first);
        Assert.Equal(new OutcomeCounts(), second);
        Assert.Equal(100, db.Points.BalanceOf("c1"));
        Assert.Equal(2, db.Points.EntriesFor("c1").Count);
        Assert.Single(db.Segments.HistoryFor("c1"));
    }

    [Fact]
    public async Task A_page_of_many_customers_applies_exactly_what_its_preview_planned()
    {
        // More customers than one commit part on LiteDB (LiteDbOutcomeWriter.CustomersPerPart): the parts must add up to
        // the whole page's plan, change for change, in the same order, or a dry run would not be the real run.
        await using var db = NewStorage();
        var ids = Enumerable.Range(0, 173).Select(i => $"c{i:D3}").ToList();
        await db.Outcomes.ApplyAsync(new OutcomeBatch
        {
            Source = Some.Run("run-0"),
            Segments = ids.Where((_, i) => i % 3 == 0).Select(id => new SegmentAssignment(id, "tier", "silver")).ToList(),
        });
        var page = new OutcomeBatch
        {
            Source = Some.Run("run-1"),
            Segments = ids.Select((id, i) => new SegmentAssignment(id, "tier", i % 2 == 0 ? "gold" : "silver")).ToList(),
            Points = ids.Where((_, i) => i % 5 != 0).Select(id => new PointsGrant(id, PointsEntryType.Earn, 10, "page", $"page:{id}")).ToList(),
            FollowUps = ids.Where((_, i) => i % 7 == 0).Select(id => new FollowUpRequest(id, "call", Some.Time.AddDays(1), "phone", "welcome")).ToList(),
        };

        var preview = await db.Outcomes.ApplyAsync(page, OutcomeMode.Preview);
        var applied = await db.Outcomes.ApplyAsync(page, OutcomeMode.Apply);
        var again = await db.Outcomes.ApplyAsync(page, OutcomeMode.Apply);

        Assert.Equal(preview.Counts, applied.Counts);
        Assert.Equal(preview.Changes, applied.Changes);
        Assert.Equal(ids.Count - ids.Count(id => int.Parse(id[1..]) % 6 == 3), applied.Counts.SegmentChanges);
        Assert.Equal(new OutcomeCounts(), again.Counts);
        Assert.Equal(10, db.Points.BalanceOf("c001"));
    }

    [Fact]
    public async Task The_same_page_applied_by_eight_writers_at_once_lands_once()
    {
        // Many stays and entries: written in bulk, where a row another writer inserted first fails the whole statement
        // (PostgreSQL: a unique violation, rolled back and planned again) rather than being skipped one by one.
        await using var db = NewStorage();
        var customers = Enumerable.Range(1, 50).Select(i => $"c{i:D2}").ToList();
        var page = new OutcomeBatch
        {
            Source = Some.Run("run-1"),
            Segments = [.. customers.Select(c => new SegmentAssignment(c, "value-grade", "A"))],
            Points = [.. customers.Select(c => new PointsGrant(c, PointsEntryType.Earn, 10, "welcome", "welcome"))],
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => db.Outcomes.ApplyAsync(page))));

        Assert.Equal((50, 50), (results.Sum(r => r.SegmentChanges), results.Sum(r => r.PointsEntries)));
        Assert.Equal(50, Assert.Single(db.Segments.Summaries()).Members);
        Assert.All(customers, c => Assert.Equal((10, 1), (db.Points.BalanceOf(c), db.Segments.HistoryFor(c).Count)));
    }

    [Fact]
    public async Task A_later_run_with_the_same_reason_key_does_not_pay_again()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Batch(Some.Run("run-1")));

        var rerun = await db.Outcomes.ApplyAsync(Batch(Some.Run("run-2", at: Some.Time.AddDays(1))));

        Assert.Equal(0, rerun.PointsEntries);
        Assert.Equal(0, rerun.TasksCreated);
        Assert.Equal("run-1", Assert.Single(db.Points.EntriesFor("c1"), p => p.Delta > 0).Source.RunId);
    }

    [Fact]
    public async Task The_same_reason_key_under_another_rule_is_a_separate_entry()
    {
        await using var db = NewStorage();
        var grant = new PointsGrant("c1", PointsEntryType.Earn, 10, "sign-in", "signin:2026-11-01");
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run(rule: "daily-signin"), Points = [grant] });
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run(rule: "signin-streak"), Points = [grant] });

        Assert.Equal(20, db.Points.BalanceOf("c1"));
        var expected = new[] { OutcomeKeys.For("daily-signin", "c1", "signin:2026-11-01"), OutcomeKeys.For("signin-streak", "c1", "signin:2026-11-01") };
        Assert.Equal(expected.Order(), db.Points.EntriesFor("c1").Select(p => p.Id).Order());
    }

    [Fact]
    public async Task Moving_between_segments_keeps_the_history_and_members_follow()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Batch(Some.Run("run-1")));
        var move = new OutcomeBatch { Source = Some.Run("run-2", at: Some.Time.AddDays(1)), Segments = [new SegmentAssignment("c1", "value-grade", "B")] };

        var counts = await db.Outcomes.ApplyAsync(move);

        Assert.Equal(1, counts.SegmentChanges);
        Assert.Equal("B", db.Segments.CurrentFor("c1")["value-grade"]);
        var history = db.Segments.HistoryFor("c1");
        Assert.Equal(["A", "B"], history.Select(h => h.Value));
        Assert.Equal(Some.Time.AddDays(1), history[0].LeftAt);
        Assert.Equal("run-2", history[0].LeftBy!.RunId);
        Assert.Equal("top 10% by spend", history[0].Explanation);
        Assert.Equal([new SegmentSummary("value-grade", "B", 2)], db.Segments.Summaries());
        Assert.Equal(["c1", "c2"], db.Segments.Members("value-grade", "B", new PageRequest()).Items.Select(m => m.CustomerId));
        Assert.Empty(db.Segments.Members("value-grade", "A", new PageRequest()).Items);
    }

    [Fact]
    public async Task Leaving_a_kind_closes_the_stay_and_returning_opens_a_new_one()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Batch(Some.Run("run-1")));
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run("run-2"), Segments = [new SegmentAssignment("c1", "value-grade", null)] });
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run("run-3"), Segments = [new SegmentAssignment("c1", "value-grade", "A")] });

        Assert.Equal(2, db.Segments.HistoryFor("c1").Count);
        Assert.Equal("A", db.Segments.CurrentFor("c1")["value-grade"]);
    }

    [Fact]
    public async Task Segment_kinds_with_the_key_separator_are_refused()
    {
        await using var db = NewStorage();
        var bad = new OutcomeBatch { Source = Some.Run(), Segments = [new SegmentAssignment("c1", "a|b", "A")] };

        await Assert.ThrowsAsync<ArgumentException>(() => db.Outcomes.ApplyAsync(bad));
    }

    [Fact]
    public async Task Cancelling_closes_an_open_task_once_and_leaves_done_tasks_alone()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Batch(Some.Run("run-1")));
        var taskId = OutcomeKeys.For("value-grade", "c1", "visit:v-1:day3");
        var cancel = new OutcomeBatch { Source = Some.Run("run-2"), Cancellations = [new FollowUpCancellation("c1", "visit:v-1:day3", "came back")] };

        Assert.Equal(1, (await db.Outcomes.ApplyAsync(cancel)).TasksCancelled);
        Assert.Equal(0, (await db.Outcomes.ApplyAsync(cancel)).TasksCancelled);
        Assert.Equal(FollowUpStatus.Cancelled, db.FollowUps.Find(taskId)!.Status);
        Assert.Equal("came back", db.FollowUps.Find(taskId)!.Outcome);
    }

    [Fact]
    public async Task Scores_and_tags_change_only_when_different()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Batch(Some.Run("run-1")));
        var update = new OutcomeBatch
        {
            Source = Some.Run("run-2"),
            Scores = [new ScoreChange("c1", "rfm", 5.5), new ScoreChange("c1", "churn", 0.2)],
            Tags = [new TagChange("c1", "vip", Present: false)],
        };

        var counts = await db.Outcomes.ApplyAsync(update);

        Assert.Equal(1, counts.ScoreChanges);
        Assert.Equal(1, counts.TagChanges);
        Assert.Equal(["churn", "rfm"], db.Scores.ScoresFor("c1").Select(s => s.Name));
        Assert.Empty(db.Scores.TagsFor("c1"));
    }
}

public sealed class OutcomeWriterOnLiteDb : OutcomeWriterTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class OutcomeWriterOnPostgres : OutcomeWriterTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
