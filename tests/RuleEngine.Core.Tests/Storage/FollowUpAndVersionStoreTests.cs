using RuleEngine.Domain.Outcomes;
using RuleEngine.Rules;
using RuleEngine.Storage;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

public abstract class FollowUpStoreTests
{
    protected abstract TestStorage NewStorage();

    async Task<TestStorage> WithTasks()
    {
        var db = NewStorage();
        var requests = Enumerable.Range(1, 7)
            .Select(i => new FollowUpRequest(i % 2 == 0 ? "c2" : "c1", $"k{i}", Some.Time.AddDays(8 - i), "phone")).ToList();
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Some.Run(), FollowUps = requests });
        return db;
    }

    [Fact]
    public async Task Pages_list_every_task_once_by_due_time()
    {
        await using var db = await WithTasks();
        var seen = new List<FollowUpTask>();
        string? cursor = null;
        do
        {
            var page = db.FollowUps.List(new FollowUpQuery(), new PageRequest(3, cursor));
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(["k7", "k6", "k5", "k4", "k3", "k2", "k1"], seen.Select(t => t.Key));
    }

    [Fact]
    public async Task Filters_combine()
    {
        await using var db = await WithTasks();
        var done = await db.FollowUps.UpdateStatusAsync(OutcomeKeys.For("value-grade", "c1", "k1"), FollowUpStatus.Done, "reached");

        var open = db.FollowUps.List(new FollowUpQuery(FollowUpStatus.Open, Some.Time.AddDays(5), "c1"), new PageRequest());

        Assert.Equal(FollowUpStatus.Done, done!.Status);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(["k7", "k5"], open.Items.Select(t => t.Key));
    }

    [Fact]
    public async Task Updating_an_unknown_task_says_so()
    {
        await using var db = await WithTasks();

        Assert.Null(await db.FollowUps.UpdateStatusAsync("nope", FollowUpStatus.Done, null));
    }
}

public abstract class RuleVersionStoreTests
{
    protected abstract TestStorage NewStorage();

    private static RuleVersion Version(string rule, string hash, int day, bool good = true) => new()
    {
        Rule = rule, Hash = hash, Path = $"{rule}.csx", Content = "// rule", CreatedAt = Some.Time.AddDays(day),
        Source = RuleVersionSource.File, Good = good,
    };

    [Fact]
    public async Task Versions_are_kept_once_newest_first_and_the_latest_good_one_is_found()
    {
        await using var db = NewStorage();
        await db.RuleVersions.SaveAsync(Version("grade", "h1", 1));
        await db.RuleVersions.SaveAsync(Version("grade", "h2", 2));
        await db.RuleVersions.SaveAsync(Version("grade", "h3", 3, good: false));
        await db.RuleVersions.SaveAsync(Version("grade", "h1", 9) with { Content = "changed" });

        Assert.Equal(["h3", "h2", "h1"], db.RuleVersions.ListVersions("grade").Select(v => v.Hash));
        Assert.Equal("// rule", db.RuleVersions.FindVersion("grade", "h1")!.Content);
        Assert.Equal("h2", Assert.Single(db.RuleVersions.LatestGoodVersions()).Hash);
        Assert.Null(db.RuleVersions.FindVersion("grade", "nope"));
    }
}

public sealed class FollowUpStoreOnLiteDb : FollowUpStoreTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class FollowUpStoreOnPostgres : FollowUpStoreTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}

public sealed class RuleVersionStoreOnLiteDb : RuleVersionStoreTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class RuleVersionStoreOnPostgres : RuleVersionStoreTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
