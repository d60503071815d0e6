using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Server.Runs;

/// <summary>
/// GET /api/runs/{id}/events: Server-Sent Events. First the run's current state (<c>status</c>, <c>progress</c>) and
/// its log so far (the last <see cref="RunWatch.RecentLines"/> lines), then every change as it happens: <c>progress</c>
/// per page, <c>log</c> per line as the run writes it, <c>status</c> when it changes. The stream ends after the
/// final status; for a finished run that is at once. Lines carry their sequence as the event id.
/// </summary>
internal static class RunEventsEndpoint
{
    static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task<IResult> Stream(string id, HttpContext http, IRunStore runs, RunWatch watch, IOptions<JsonOptions> json)
    {
        if (runs.Find(id) is null) return RunsApi.NotFound(id);
        using var subscription = watch.Watch(id);
        // Read after watching began, so a change in between is either in this state or among the updates. A finished
        // record wins: the store has a run's saves in commit order, the watch only what was published to it.
        var stored = runs.Find(id)!;
        var state = stored.IsFinished || subscription.Latest is null ? stored : subscription.Latest;
        var events = new RunEventWriter(http.Response, json.Value.SerializerOptions);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var cancellation = http.RequestAborted;
        try
        {
            await events.StateAsync(state, null, cancellation);
            foreach (var line in subscription.Recent.Count > 0 ? subscription.Recent : StoredTail(runs, id)) await events.LineAsync(line, cancellation);
            if (state.IsFinished) return TypedResults.Empty;
            await FollowAsync(subscription.Updates, events, state, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away; nothing to finish.
        }
        return TypedResults.Empty;
    }

    static async Task FollowAsync(System.Threading.Channels.ChannelReader<RunUpdate> updates, RunEventWriter events, Run state, CancellationToken cancellation)
    {
        var waiting = updates.WaitToReadAsync(cancellation).AsTask();
        while (true)
        {
            if (await Task.WhenAny(waiting, Task.Delay(KeepAlive, cancellation)) != waiting)
            {
                await events.CommentAsync("keep-alive", cancellation);
                continue;
            }
            if (!await waiting) return; // the run ended: its final state was the last update
            while (updates.TryRead(out var update))
            {
                if (update.Line is { } line) await events.LineAsync(line, cancellation);
                if (update.State is { } next)
                {
                    await events.StateAsync(next, state, cancellation);
                    state = next;
                }
            }
            waiting = updates.WaitToReadAsync(cancellation).AsTask();
        }
    }

    /// <summary>For a run this process has not watched (finished earlier, or pending): its stored lines, the last ones.</summary>
    static IReadOnlyList<RunLogLine> StoredTail(IRunStore runs, string id)
    {
        var tail = new Queue<RunLogLine>();
        string? cursor = null;
        do
        {
            var page = runs.Logs(id, new PageRequest(PageRequest.MaxLimit, cursor));
            foreach (var line in page.Items)
            {
                tail.Enqueue(line);
                if (tail.Count > RunWatch.RecentLines) tail.Dequeue();
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return tail.ToList();
    }
}

/// <summary>Writes SSE events and flushes each, so a line reaches the client as soon as it is written.</summary>
internal sealed class RunEventWriter(HttpResponse response, JsonSerializerOptions json)
{
    long _lastSequence;

    public async Task StateAsync(Run run, Run? before, CancellationToken cancellation)
    {
        var statusChanged = before is null || before.Status != run.Status || before.Error != run.Error;
        var progressChanged = before is null || before.Progress != run.Progress;
        // A watcher's first event is the status. Later, a final state that also moved the progress (its last page's
        // progress can be stored after it, and is then dropped as older) says the progress first: the final status
        // is the last event a live stream sends.
        var statusLast = before is not null && run.IsFinished;
        if (statusChanged && !statusLast) await StatusAsync(run, cancellation);
        if (progressChanged)
            await WriteAsync("progress", null, new RunProgressEvent(run.Progress.Processed, run.Progress.Total, run.Counts), cancellation);
        if (statusChanged && statusLast) await StatusAsync(run, cancellation);
    }

    Task StatusAsync(Run run, CancellationToken cancellation) =>
        WriteAsync("status", null, new RunStatusEvent(run.Id, run.Status.ToString().ToLowerInvariant(), run.StartedAt, run.FinishedAt, run.Error, run.Counts), cancellation);

    /// <summary>Each line once, in order: a line already sent (from the state a late watcher started with) is skipped.</summary>
    public Task LineAsync(RunLogLine line, CancellationToken cancellation)
    {
        if (line.Sequence <= _lastSequence) return Task.CompletedTask;
        _lastSequence = line.Sequence;
        return WriteAsync("log", line.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), line, cancellation);
    }

    public async Task CommentAsync(string text, CancellationToken cancellation)
    {
        await response.WriteAsync($": {text}\n\n", cancellation);
        await response.Body.FlushAsync(cancellation);
    }

    async Task WriteAsync<T>(string name, string? id, T data, CancellationToken cancellation)
    {
        var text = new StringBuilder();
        text.Append("event: ").Append(name).Append('\n');
        if (id is not null) text.Append("id: ").Append(id).Append('\n');
        // JSON has no raw newlines, so the data is one line.
        text.Append("data: ").Append(JsonSerializer.Serialize(data, json)).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellation);
        await response.Body.FlushAsync(cancellation);
    }
}

public sealed record RunStatusEvent(string Id, string Status, DateTime? StartedAt, DateTime? FinishedAt, string? Error, RunCounts Counts);

public sealed record RunProgressEvent(long Processed, long? Total, RunCounts Counts);
