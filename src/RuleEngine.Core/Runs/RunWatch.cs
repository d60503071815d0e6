using System.Threading.Channels;

namespace RuleEngine.Runs;

/// <summary>What a watcher of a run is told: the run's new state (progress, status, counts) or a log line as written.</summary>
public sealed record RunUpdate(Run? State, RunLogLine? Line);

/// <summary>
/// Run progress, status and log lines published in memory to whoever watches the run (the SSE endpoint). Each watcher
/// has its own bounded queue that drops its oldest updates when full, so a slow or stalled client never holds up a
/// run: publishing never waits. The latest state and the last <see cref="RecentLines"/> lines of each run are kept
/// while it runs (and for the last <see cref="FinishedKept"/> finished runs), so a watcher joining late starts from them.
/// </summary>
public sealed class RunWatch
{
    public const int RecentLines = 200;
    public const int WatcherQueue = 2_000;
    public const int FinishedKept = 50;

    readonly Lock _lock = new();
    readonly Dictionary<string, Watched> _runs = new(StringComparer.Ordinal);
    readonly Queue<string> _finished = new();

    sealed class Watched
    {
        public Run? Latest;
        public readonly Queue<RunLogLine> Recent = new();
        public readonly List<Channel<RunUpdate>> Watchers = [];
    }

    public void Publish(Run run)
    {
        lock (_lock)
        {
            var watched = Get(run.Id);
            if (watched.Latest is { } latest && IsOlder(run, latest)) return;
            watched.Latest = run;
            foreach (var watcher in watched.Watchers)
            {
                watcher.Writer.TryWrite(new RunUpdate(run, null));
                if (run.IsFinished) watcher.Writer.TryComplete();
            }
            if (!run.IsFinished) return;
            watched.Watchers.Clear();
            _finished.Enqueue(run.Id);
            while (_finished.Count > FinishedKept)
                if (_runs.TryGetValue(_finished.Dequeue(), out var old) && old.Latest?.IsFinished == true) _runs.Remove(old.Latest.Id);
        }
    }

    public void Publish(RunLogLine line)
    {
        lock (_lock)
        {
            var watched = Get(line.RunId);
            watched.Recent.Enqueue(line);
            if (watched.Recent.Count > RecentLines) watched.Recent.Dequeue();
            foreach (var watcher in watched.Watchers) watcher.Writer.TryWrite(new RunUpdate(null, line));
        }
    }

    /// <summary>
    /// Starts watching: the state and recent lines known in memory now (none for a run this process has not seen
    /// running) and every update from this moment on; the updates end when the run does. Dispose to stop.
    /// </summary>
    public RunSubscription Watch(string runId)
    {
        var channel = Channel.CreateBounded<RunUpdate>(new BoundedChannelOptions(WatcherQueue)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false,
        });
        lock (_lock)
        {
            _runs.TryGetValue(runId, out var watched);
            var latest = watched?.Latest;
            var recent = watched?.Recent.ToList() ?? [];
            if (latest?.IsFinished == true) channel.Writer.TryComplete();
            else (watched ?? Get(runId)).Watchers.Add(channel);
            return new RunSubscription(latest, recent, channel.Reader, () => Stop(runId, channel));
        }
    }

    void Stop(string runId, Channel<RunUpdate> channel)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(runId, out var watched)) return;
            watched.Watchers.Remove(channel);
            // A run watched before it published anything (pending, or finished before this process started) is not kept.
            if (watched.Latest is null && watched.Recent.Count == 0 && watched.Watchers.Count == 0) _runs.Remove(runId);
        }
    }

    /// <summary>
    /// A run's saves are committed in order, but each is published by its own acknowledgement's continuation, and those
    /// run in any order (the runner queues its start, last page and final status together): a start published after the
    /// final status left the run "running" here, and its event stream never ended. A finished run stays finished, and
    /// progress never goes back.
    /// </summary>
    static bool IsOlder(Run run, Run latest) =>
        !run.IsFinished && (latest.IsFinished || run.Progress.Processed < latest.Progress.Processed);

    Watched Get(string runId)
    {
        if (!_runs.TryGetValue(runId, out var watched)) _runs[runId] = watched = new Watched();
        return watched;
    }
}

/// <summary>The state and lines known when watching began, and the updates since.</summary>
public sealed class RunSubscription(Run? latest, IReadOnlyList<RunLogLine> recent, ChannelReader<RunUpdate> updates, Action stop) : IDisposable
{
    public Run? Latest => latest;
    public IReadOnlyList<RunLogLine> Recent => recent;
    public ChannelReader<RunUpdate> Updates => updates;

    public void Dispose() => stop();
}
