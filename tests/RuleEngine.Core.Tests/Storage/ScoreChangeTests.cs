using RuleEngine.Domain.Outcomes;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>A score change says what the score was and why it changed, like a segment change (issue: it lost both).</summary>
public abstract class ScoreChangeTests
{
    protected abstract TestStorage NewStorage();

    static OutcomeBatch Score(string runId, double value, string because, DateTime at) => new()
    {
        Source = Some.Run(runId, "rfm", at), Scores = [new ScoreChange("c1", "rfm", value, because)],
    };

    [Fact]
    public async Task A_score_change_keeps_the_previous_value_and_the_rules_reason()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Score("run-1", 3, "R3 F3 M3", Some.Time), OutcomeMode.Apply);

        var applied = await db.Outcomes.ApplyAsync(Score("run-2", 4, "R4 F3 M4", Some.Time.AddDays(1)), OutcomeMode.Apply);

        var change = Assert.Single(applied.Changes);
        Assert.Equal(("score", "rfm", "3", "4", "R4 F3 M4"), (change.Type, change.Target, change.From, change.To, change.Explanation));
        Assert.Equal("R4 F3 M4", Assert.Single(db.Scores.ScoresFor("c1")).Explanation);
    }

    [Fact]
    public async Task A_dry_run_preview_of_a_score_change_shows_the_previous_value_and_reason_too()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Score("run-1", 3, "R3 F3 M3", Some.Time), OutcomeMode.Apply);

        var preview = await db.Outcomes.ApplyAsync(Score("dry-1", 4.5, "R5 F4 M4", Some.Time.AddDays(1)), OutcomeMode.Preview);

        var change = Assert.Single(preview.Changes);
        Assert.Equal(("3", "4.5", "R5 F4 M4"), (change.From, change.To, change.Explanation));
        Assert.Equal(3, Assert.Single(db.Scores.ScoresFor("c1")).Value);
    }

    [Fact]
    public async Task Every_score_change_is_kept_in_the_customers_history_with_its_source()
    {
        await using var db = NewStorage();
        await db.Outcomes.ApplyAsync(Score("run-1", 3, "first", Some.Time), OutcomeMode.Apply);
        await db.Outcomes.ApplyAsync(Score("run-2", 4, "second", Some.Time.AddDays(1)), OutcomeMode.Apply);
        await db.Outcomes.ApplyAsync(Score("run-3", 4, "unchanged", Some.Time.AddDays(2)), OutcomeMode.Apply);

        var history = db.History.For("c1", null, null);

        Assert.Equal([(null, "3", "run-1", "first"), ("3", "4", "run-2", "second")],
            history.Select(h => (h.From, h.To, h.RunId, h.Explanation)));
        Assert.All(history, h => Assert.Equal(("score", "rfm", "rfm"), (h.Type, h.Name, h.Rule)));
    }
}

public sealed class ScoreChangeOnLiteDb : ScoreChangeTests
{
    protected override TestStorage NewStorage() => new TempDatabase();
}

[Trait("Backend", "postgres")]
public sealed class ScoreChangeOnPostgres : ScoreChangeTests
{
    protected override TestStorage NewStorage() => new TempPostgres();
}
