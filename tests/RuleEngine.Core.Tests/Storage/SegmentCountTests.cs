using LiteDB;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>Segment member counts and daily moves are kept with the stays and always equal a recount of them.</summary>
public abstract class SegmentCountTests
{
    protected abstract TestStorage NewStorage();

    static OutcomeBatch Moves(string runId, DateTime at, params (string Customer, string? Value)[] moves) => new()
    {
        Source = Some.Run(runId, at: at), Segments = moves.Select(m => new SegmentAssignment(m.Customer, "tier", m.Value)).ToList(),
    };

    protected static async Task ApplyHistory(TestStorage db)
    {
        await db.Outcomes.ApplyAsync(Moves("run-1", Some.Time, ("c1", "gold"), ("c2", "gold"), ("c3", "silver"), ("c4", "silver")));
        await db.Outcomes.ApplyAsync(Moves("run-2", Some.Time.AddDays(1), ("c1", "silver"), ("c2", "gold"), ("c3", null), ("c5", "gold")));
        // One batch moving a customer twice: the counts follow both moves.
        await db.Outcomes.ApplyAsync(Moves("run-3", Some.Time.AddDays(8), ("c4", "gold"), ("c4", "bronze"), ("c1", null)));
    }

    static Dictionary<string, long> Recount(LiteDatabase database) =>
        database.GetCollection(LiteDbCollections.Segments).FindAll().Where(s => s["LeftAt"].IsNull)
            .GroupBy(s => s["Value"].AsString).ToDictionary(g => g.Key, g => (long)g.Count());

    [Fact]
    public async Task Counts_equal_a_recount_of_open_stays_after_moves_exits_and_repeats()
    {
        await using var db = NewStorage();
        await ApplyHistory(db);
        await db.Outcomes.ApplyAsync(Moves("run-3", Some.Time.AddDays(8), ("c4", "bronze"))); // a repeat changes nothing

        var counts = db.Segments.Summaries().ToDictionary(s => s.Value, s => s.Members);

        if (db is TempDatabase lite) Assert.Equal(Recount(lite.Database), counts);
        Assert.Equal(new Dictionary<string, long> { ["bronze"] = 1, ["gold"] = 2 }, counts);
    }

    [Fact]
    public async Task A_dry_run_preview_leaves_the_counts_alone()
    {
        await using var db = NewStorage();
        await ApplyHistory(db);
        var before = db.Segments.Summaries();

        await db.Outcomes.ApplyAsync(Moves("dry", Some.Time.AddDays(9), ("c2", "silver"), ("c5", "silver")), OutcomeMode.Preview);

        Assert.Equal(before, db.Segments.Summaries());
    }

    [Fact]
    public async Task The_trend_gives_members_per_value_at_the_end_of_each_bucket()
    {
        await using var db = NewStorage();
        await ApplyHistory(db);
        var day0 = DateOnly.FromDateTime(Some.Time);

        var daily = db.Trends.Trend("tier", day0.AddDays(-1), day0.AddDays(9), TrendBucket.Day)!;
        var weekly = db.Trends.Trend("tier", day0, day0.AddDays(9), TrendBucket.Week)!;

        long At(SegmentTrend t, DateOnly end, string value) => t.Points.Single(p => p.End == end).Members.GetValueOrDefault(value);
        Assert.Equal(11, daily.Points.Count);
        Assert.Equal((0, 0), (At(daily, day0.AddDays(-1), "gold"), At(daily, day0.AddDays(-1), "silver")));
        Assert.Equal((2, 2), (At(daily, day0, "gold"), At(daily, day0, "silver")));
        Assert.Equal((2, 2), (At(daily, day0.AddDays(1), "gold"), At(daily, day0.AddDays(1), "silver")));  // c1 → silver, c3 left, c5 → gold
        Assert.Equal((2, 0, 1), (At(daily, day0.AddDays(8), "gold"), At(daily, day0.AddDays(8), "silver"), At(daily, day0.AddDays(8), "bronze")));
        // 2026-11-01 is a Sunday: the first week is that one day, then Monday to Sunday, then the partial last week.
        Assert.Equal([day0, day0.AddDays(1), day0.AddDays(8)], weekly.Points.Select(p => p.Start));
        Assert.Equal([2L, 2L, 2L], weekly.Points.Select(p => p.Members.GetValueOrDefault("gold")));
        Assert.Null(db.Trends.Trend("no-such-kind", day0, day0, TrendBucket.Day));
    }
}

public sealed class SegmentCountOnLiteDb : SegmentCountTests
{
    protected override TestStorage NewStorage() => new TempDatabase();

    [Fact]
    public async Task A_file_from_before_the_counts_gets_them_rebuilt_from_the_stays_at_start()
    {
        await using var db = new TempDatabase();
        await ApplyHistory(db);
        var kept = db.Segments.Summaries();
        var trend = db.Trends.Trend("tier", DateOnly.FromDateTime(Some.Time), DateOnly.FromDateTime(Some.Time.AddDays(9)), TrendBucket.Day)!;

        await db.ReopenAsync(raw =>
        {
            raw.GetCollection(LiteDbCollections.SegmentCounts).DeleteAll();
            raw.GetCollection(LiteDbCollections.SegmentDays).DeleteAll();
            raw.GetCollection(LiteDbCollections.Meta).Delete("segment-counts-v2");
        });

        Assert.Equal(kept, db.Segments.Summaries());
        var rebuilt = db.Trends.Trend("tier", DateOnly.FromDateTime(Some.Time), DateOnly.FromDateTime(Some.Time.AddDays(9)), TrendBucket.Day)!;
        Assert.Equal(trend.Points.Select(p => p.Members.Where(m => m.Value != 0).OrderBy(m => m.Key)), rebuilt.Points.Select(p => p.Members.Where(m => m.Value != 0).OrderBy(m => m.Key)));
    }
}

[Trait("Backend", "postgres")]
public sealed class SegmentCountOnPostgres : SegmentCountTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
