using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RuleEngine.Audit;
using RuleEngine.Benefits;
using RuleEngine.Domain.Outcomes;
using RuleEngine.Storage.LiteDb;
using RuleEngine.Storage.LiteDb.Outcomes;
using RuleEngine.Storage.Outcomes;
using RuleEngine.Tests.Benefits;
using RuleEngine.Tests.TestSupport;

namespace RuleEngine.Tests.Storage;

/// <summary>
/// What the LiteDB writer keeps in memory between transactions (balances, the audit head, tallies) must stay what the
/// file says: moved by every committed write, and untouched by a rolled-back one.
/// </summary>
public class WriterKeptValuesTests
{
    static readonly OutcomeSource Run = new() { Rule = "bonus", RuleVersionHash = "h", RunId = "run-2", At = BenefitsHarness.Now };

    static PointsEntry Entry(string id, long delta) => new()
    {
        Id = id, CustomerId = "c1", Type = PointsEntryType.Earn, Delta = delta, Reason = "test", Key = id, Source = Run, Explanation = "test",
    };

    [Fact]
    public async Task A_kept_balance_moves_with_points_written_later_and_never_with_a_rolled_back_write()
    {
        var db = new TempDatabase();
        await using var h = await BenefitsHarness.StartAsync(db);
        await h.AddMembersAsync(150, "c1");
        Assert.NotNull((await h.Service.RedeemAsync("c1", "coupon-10", "k1", "shop")).Value); // balance 50, now kept

        // A run awards 100 after the balance was kept; then a write of 1,000 more fails and is rolled back.
        await db.Outcomes.ApplyAsync(new OutcomeBatch { Source = Run, Points = [new PointsGrant("c1", PointsEntryType.Earn, 100, "bonus", "bonus")] });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Writer.WriteAsync(d =>
        {
            LiteDbOutcomeWrites.Execute(d, [new PointsAdded(Entry("rolled-back", 1_000))]);
            throw new InvalidOperationException("fails after the points were written");
        }));

        var second = await h.Service.RedeemAsync("c1", "coupon-10", "k2", "shop"); // 150 → 50: needs the run's 100
        var third = await h.Service.RedeemAsync("c1", "coupon-10", "k3", "shop");  // 50 < 100: the rolled-back 1,000 is not there

        Assert.NotNull(second.Value);
        Assert.Equal(BenefitRefusal.InsufficientPoints, third.Refusal);
        Assert.Contains("has 50 points", third.Detail);
        Assert.Equal(50, h.Balance("c1"));
    }

    [Fact]
    public async Task A_points_entry_of_a_rolled_back_write_is_not_known_as_stored_and_a_committed_one_is()
    {
        await using var db = new TempDatabase();
        var grant = new OutcomeBatch { Source = Run, Points = [new PointsGrant("c1", PointsEntryType.Earn, 100, Reason: "order", Key: "order:o1")] };
        var id = OutcomeKeys.For(Run.Rule, "c1", "order:o1");
        // Within the failed transaction the writer knows the entry (it wrote it); the rollback must forget that.
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Writer.WriteAsync(d =>
        {
            LiteDbOutcomeWrites.Execute(d, [new PointsAdded(Entry(id, 100) with { Key = "order:o1" })]);
            Assert.True(LiteDbWriterKept.Of(d).StoredPoints.IsKnown(id));
            throw new InvalidOperationException("fails after the points were written");
        }));

        Assert.Equal(1, (await db.Outcomes.ApplyAsync(grant)).PointsEntries); // not there: paid now
        Assert.Equal(0, (await db.Outcomes.ApplyAsync(grant)).PointsEntries); // known stored: not asked, not paid again
        await db.Writer.WriteAsync(d => Assert.True(LiteDbWriterKept.Of(d).StoredPoints.IsKnown(id)));
        Assert.Single(db.Points.EntriesFor("c1"));
    }

    [Fact]
    public async Task An_audit_append_rolled_back_leaves_the_kept_head_where_the_file_ends()
    {
        await using var db = new TempDatabase();
        var audit = new AuditLog(db.Audit, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<AuditLog>.Instance);
        await audit.AppendAsync(new AuditEvent("test", "ops", "first"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Writer.WriteAsync(d =>
        {
            LiteDbAuditStore.AppendIn(d, audit.Sealer(new AuditEvent("test", "ops", "rolled back")));
            throw new InvalidOperationException("fails after the append");
        }));
        var second = await audit.AppendAsync(new AuditEvent("test", "ops", "second"));

        Assert.Equal(2, second.Sequence);
        Assert.True(audit.Verify().Ok);
    }

    [Fact]
    public async Task A_kept_tally_is_not_moved_by_a_rolled_back_write()
    {
        await using var db = new TempDatabase();
        var day = OutcomeTallies.Day(BenefitsHarness.Now);
        await db.Writer.WriteAsync(d => LiteDbOutcomeWrites.Execute(d, [new PointsDayAdded(day, PointsDay.Of(PointsEntryType.Earn, 10))]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Writer.WriteAsync(d =>
        {
            LiteDbOutcomeWrites.Execute(d, [new PointsDayAdded(day, PointsDay.Of(PointsEntryType.Earn, 1_000))]);
            throw new InvalidOperationException("fails after the tally moved");
        }));
        await db.Writer.WriteAsync(d => LiteDbOutcomeWrites.Execute(d, [new PointsDayAdded(day, PointsDay.Of(PointsEntryType.Earn, 5))]));

        Assert.Equal(15, LiteDbOutcomeWrites.PointsDayOf(db.Database.GetCollection(LiteDbCollections.PointsDays).FindById(day)).Earned);
    }
}
