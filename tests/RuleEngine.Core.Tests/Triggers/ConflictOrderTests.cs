using RuleEngine.Scripting.Api;
using RuleEngine.Scripting.Loading;
using RuleEngine.Triggers;

namespace RuleEngine.Tests.Triggers;

/// <summary>
/// The rules an order triggers run side by side only where neither can see the other's outcomes; where one can, the
/// fixed order holds. Each run here ends only when the test says so, so what may start when is checked exactly.
/// </summary>
public class ConflictOrderTests
{
    sealed record Rule(string Name, StateEffects Effects);

    static readonly Rule Tier = new("membership-tier", new(StateParts.Segments, StateParts.Segments));
    static readonly Rule Points = new("purchase-points", new(StateParts.Segments, StateParts.Ledger));
    static readonly Rule Refund = new("refund-reversal", new(StateParts.Ledger, StateParts.Ledger));
    static readonly Rule Survey = new("post-purchase-survey", new(StateParts.Tasks, StateParts.Tasks));

    sealed class Runs
    {
        readonly Dictionary<string, TaskCompletionSource> _ends = new();
        public readonly List<string> Started = [];

        public Task Run(Rule rule)
        {
            lock (Started) Started.Add(rule.Name);
            return End(rule.Name).Task;
        }

        public TaskCompletionSource End(string name)
        {
            lock (_ends) return _ends.TryGetValue(name, out var end) ? end : _ends[name] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public string[] StartedNow() { lock (Started) return [.. Started]; }
    }

    [Fact]
    public async Task A_rule_waits_for_the_rules_before_it_that_change_what_it_reads_and_no_others()
    {
        var runs = new Runs();
        var all = ConflictOrder.RunAsync([Tier, Points, Refund, Survey], r => r.Effects, runs.Run);

        // The survey reads and changes only tasks: it starts beside the tier rule, not after the chain.
        await Until(() => runs.StartedNow().Length == 2, "two rules to start");
        Assert.Equal(["membership-tier", "post-purchase-survey"], runs.StartedNow().Order());

        runs.End("post-purchase-survey").SetResult();
        await Task.Delay(50);
        Assert.DoesNotContain("purchase-points", runs.StartedNow()); // it reads the tier, still being set

        runs.End("membership-tier").SetResult();
        await Until(() => runs.StartedNow().Contains("purchase-points"), "purchase-points to start");
        await Task.Delay(50);
        Assert.DoesNotContain("refund-reversal", runs.StartedNow()); // it reads what purchase-points pays

        runs.End("purchase-points").SetResult();
        await Until(() => runs.StartedNow().Contains("refund-reversal"), "refund-reversal to start");
        Assert.False(all.IsCompleted);
        runs.End("refund-reversal").SetResult();
        await all;
    }

    [Fact]
    public async Task Rules_that_all_conflict_run_one_after_the_other_in_the_given_order()
    {
        var everything = new[] { "c", "a", "b" }.Select(n => new Rule(n, StateEffects.Everything)).ToList();
        var runs = new Runs();
        var all = ConflictOrder.RunAsync(everything, r => r.Effects, runs.Run);
        foreach (var name in new[] { "c", "a", "b" })
        {
            await Until(() => (runs.StartedNow().LastOrDefault() == name), $"{name} to start");
            await Task.Delay(20);
            Assert.Equal(name, runs.StartedNow().Last());
            runs.End(name).SetResult();
        }
        await all;
        Assert.Equal(["c", "a", "b"], runs.Started);
    }

    static async Task Until(Func<bool> condition, string what)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            if (waited > 10_000) throw new TimeoutException($"Waited 10 s for {what}.");
            await Task.Delay(10);
        }
    }
}
