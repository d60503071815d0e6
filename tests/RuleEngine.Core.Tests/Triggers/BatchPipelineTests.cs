using Microsoft.Extensions.Logging.Abstractions;
using RuleEngine.Triggers;

namespace RuleEngine.Tests.Triggers;

/// <summary>
/// When the dispatcher starts its batches: the next one once the last one's first rule ended, never over a customer of a
/// batch in flight, at most so many at once, and after a failure only once the back-off passed. Each batch here ends
/// only when the test says so.
/// </summary>
public class BatchPipelineTests
{
    sealed class Batch(params string[] customers)
    {
        public readonly TaskCompletionSource FirstRun = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource<BatchResult> End = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public StartedBatch Started => new(customers.ToHashSet(), FirstRun.Task, End.Task);
    }

    /// <summary>Hands out the scripted batches in turn (then none) and records what each read was told to pass over.</summary>
    sealed class Reads(params Batch?[] batches)
    {
        public readonly List<(string[] Busy, DateTime At)> Made = [];
        int _next;

        public Task<StartedBatch?> Start(IReadOnlySet<string> busy, CancellationToken _)
        {
            lock (Made) Made.Add((busy.Order().ToArray(), DateTime.UtcNow));
            var batch = _next < batches.Length ? batches[_next++] : null;
            return Task.FromResult(batch?.Started);
        }

        public int Count { get { lock (Made) return Made.Count; } }
    }

    /// <summary>A pipeline running over the scripted reads, woken once; disposing it stops it and waits for it.</summary>
    sealed class Running : IAsyncDisposable
    {
        readonly CancellationTokenSource _stop = new();
        readonly Task _running;

        public Running(Reads reads, int inFlight, TimeSpan? retry = null)
        {
            var signal = new TriggerSignal();
            var options = new TriggerOptions
            {
                BatchesInFlight = inFlight, BatchWindow = TimeSpan.Zero, PollInterval = TimeSpan.FromMinutes(1),
                RetryDelay = retry ?? TimeSpan.FromSeconds(1),
            };
            signal.Raise();
            _running = new BatchPipeline(signal, options, TimeProvider.System, NullLogger.Instance).RunAsync(reads.Start, () => false, _stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running.ContinueWith(_ => { });
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task The_next_batch_is_read_when_the_first_rule_of_the_last_ended_and_passes_over_its_customers()
    {
        var (a, b) = (new Batch("c1", "c2"), new Batch("c3"));
        var reads = new Reads(a, b);
        await using var running = new Running(reads, inFlight: 2);

        await Until(() => reads.Count == 1, "the first read");
        await Task.Delay(50);
        Assert.Equal(1, reads.Count); // a's first rule still runs

        a.FirstRun.SetResult();
        await Until(() => reads.Count == 2, "the second read");
        Assert.Equal(["c1", "c2"], reads.Made[1].Busy);

        // Two in flight: the third read waits for one of them to end.
        b.FirstRun.SetResult();
        await Task.Delay(50);
        Assert.Equal(2, reads.Count);
        a.End.SetResult(BatchResult.Succeeded);
        await Until(() => reads.Count == 3, "the third read");
        Assert.Equal(["c3"], reads.Made[2].Busy);

        b.End.SetResult(BatchResult.Succeeded);
    }

    [Fact]
    public async Task One_batch_in_flight_runs_them_one_after_the_other()
    {
        var (a, b) = (new Batch("c1"), new Batch("c2"));
        var reads = new Reads(a, b);
        await using var running = new Running(reads, inFlight: 1);

        await Until(() => reads.Count == 1, "the first read");
        a.FirstRun.SetResult();
        await Task.Delay(50);
        Assert.Equal(1, reads.Count);

        a.End.SetResult(BatchResult.Succeeded);
        await Until(() => reads.Count == 2, "the second read");
        Assert.Empty(reads.Made[1].Busy);

        b.End.SetResult(BatchResult.Succeeded);
    }

    [Fact]
    public async Task After_a_failed_batch_the_next_read_waits_for_the_back_off()
    {
        var retry = TimeSpan.FromMilliseconds(300);
        var (a, b) = (new Batch("c1"), new Batch("c1"));
        var reads = new Reads(a, b);
        await using var running = new Running(reads, inFlight: 2, retry);

        await Until(() => reads.Count == 1, "the first read");
        var failedAt = DateTime.UtcNow;
        a.End.SetResult(BatchResult.Failed); // its first rule's end never came: the batch's end counts instead
        await Until(() => reads.Count == 2, "the read after the back-off");
        Assert.True(reads.Made[1].At - failedAt >= retry - TimeSpan.FromMilliseconds(20), $"read again after {(reads.Made[1].At - failedAt).TotalMilliseconds} ms");
        Assert.Empty(reads.Made[1].Busy); // the failed batch no longer holds its customers

        b.End.SetResult(BatchResult.Succeeded);
    }

    static async Task Until(Func<bool> condition, string what)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), $"waited for {what}");
    }
}
