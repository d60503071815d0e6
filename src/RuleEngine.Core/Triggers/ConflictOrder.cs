using RuleEngine.Scripting.Loading;

namespace RuleEngine.Triggers;

/// <summary>
/// Runs the rules of a batch in a fixed order where it matters and side by side where it does not: each waits for every
/// rule before it whose state effects conflict with its own (<see cref="StateEffects.ConflictsWith"/>), and starts as soon
/// as those ended. So every rule sees exactly the outcomes it would see with all of them run one after the other.
/// </summary>
public static class ConflictOrder
{
    /// <param name="ordered">The rules in the order they keep when they conflict.</param>
    /// <param name="run">One rule's run; whether it succeeded is the caller's to record (a run that throws ends the batch).</param>
    public static Task RunAsync<T>(IReadOnlyList<T> ordered, Func<T, StateEffects> effectsOf, Func<T, Task> run)
    {
        var runs = new Task[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var effects = effectsOf(ordered[i]);
            var before = Enumerable.Range(0, i).Where(j => effectsOf(ordered[j]).ConflictsWith(effects)).Select(j => runs[j]).ToArray();
            runs[i] = After(before, ordered[i], run);
        }
        return Task.WhenAll(runs);
    }

    static async Task After<T>(Task[] before, T rule, Func<T, Task> run)
    {
        if (before.Length > 0) await Task.WhenAll(before);
        await run(rule);
    }
}
