using RuleEngine.Storage;

namespace RuleEngine.Tests.Storage;

public class BoundedEntriesTests
{
    sealed class Entry(long used)
    {
        public long Used { get; } = used;
    }

    [Fact]
    public async Task Evicting_while_other_threads_add_never_fails_and_stays_near_the_bound()
    {
        // The mixed load failed one dry run in a few hundred: eviction copied the entries while another thread added one.
        var entries = new BoundedEntries<Entry>(capacity: 200, byteBudget: long.MaxValue, _ => 1, e => e.Used);
        long next = 0;
        // Counted in work, not time: on a busy CI machine the pool once started the adders only after a 2 s window closed.
        var adders = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 100_000; i++) entries.Set($"{t}-{i}", new Entry(Interlocked.Increment(ref next)));
        })).ToList();
        var adding = Task.WhenAll(adders);
        var evictions = 0;
        var evictor = Task.Run(() =>
        {
            while (!adding.IsCompleted || evictions <= 100)
            {
                entries.EvictOldest();
                evictions++;
            }
        });

        await Task.WhenAll([.. adders, evictor]);

        entries.EvictOldest();
        Assert.True(evictions > 100, $"{evictions} evictions");
        Assert.InRange(entries.Count, 1, 200);
    }
}
