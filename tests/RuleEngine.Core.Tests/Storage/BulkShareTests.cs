using System.Diagnostics;
using RuleEngine.Storage.LiteDb;

namespace RuleEngine.Tests.Storage;

public class BulkShareTests
{
    static readonly long Millisecond = Stopwatch.Frequency / 1000;

    [Fact]
    public void Bulk_work_earns_a_fifth_of_what_single_writes_took()
    {
        var share = new BulkShare();
        Assert.False(share.MayRun);

        share.Earn(10 * Millisecond);

        Assert.True(share.MayRun);
        Assert.Equal(2 * Millisecond, share.Credit);
    }

    [Fact]
    public void A_part_that_overruns_is_paid_back_by_the_turns_after_it()
    {
        var share = new BulkShare();
        share.Earn(10 * Millisecond);
        share.Spend(12 * Millisecond); // one part of 12 ms on 2 ms earned

        var turnsWaited = 0;
        while (!share.MayRun)
        {
            share.Earn(10 * Millisecond);
            turnsWaited++;
        }

        Assert.Equal(6, turnsWaited); // 10 ms owed, 2 ms earned a turn: bulk work runs again on the sixth
    }

    [Fact]
    public void Earned_and_owed_time_are_both_capped()
    {
        var share = new BulkShare();
        share.Earn(60_000 * Millisecond);
        Assert.Equal(100 * Millisecond, share.Credit);

        share.Spend(60_000 * Millisecond);
        Assert.Equal(-100 * Millisecond, share.Credit);

        share.Reset();
        Assert.Equal(0, share.Credit);
    }
}
