using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Components;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages.Runs;

/// <summary>
/// One run: while it runs, its progress bar, rate, time left, counts and log tail move with the server's event stream
/// (<c>GET /api/runs/{id}/events</c>, read on the circuit with the user's key); ops can cancel or rerun it; once
/// finished, its outcomes page by page.
/// </summary>
public partial class RunDetail : IAsyncDisposable
{
    internal const int LogTail = 200;
    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(100);

    [Parameter] public string Id { get; set; } = "";
    [Inject] private RuleEngineApi Api { get; set; } = default!;
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private RunView? run;
    private readonly List<RunLogLine> log = [];
    private List<RunOutcomeRow> outcomes = [];
    private string? outcomesCursor, problem;
    private bool busy;
    private readonly ProgressRate watch = new();
    private CancellationTokenSource? stream;

    private RolePermissions Permissions => RolePermissions.For(Session.Role);

    private int Percent => run?.Progress is { Total: > 0 } p ? (int)Math.Min(100, p.Processed * 100 / p.Total.Value) : run?.Status == "succeeded" ? 100 : 0;

    private IReadOnlyList<(string Name, string Value)> Counts =>
        run?.Counts is { ValueKind: JsonValueKind.Object } counts
            ? counts.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() != 0)
                .Select(p => (Words(p.Name), Json.Show(p.Value) ?? "")).ToList()
            : [];

    /// <summary>A dry run's segment moves (its <c>impact</c>): who would go from which value to which.</summary>
    private IReadOnlyList<SegmentMoveRow> DryRunMoves =>
        run?.Impact is { ValueKind: JsonValueKind.Object } impact && Json.ArrayIn(impact, "segmentMoves") is { } moves
            ? moves.EnumerateArray().Select(m => new SegmentMoveRow(Json.Text(m, "kind") ?? "", Json.Text(m, "from"), Json.Text(m, "to"), Json.Long(m, "customers") ?? 0)).ToList()
            : [];

    /// <summary>"segmentChanges" → "segment changes".</summary>
    internal static string Words(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));

    protected override async Task OnParametersSetAsync()
    {
        await StopStreamAsync();
        log.Clear();
        outcomes = [];
        var answer = await Api.RunAsync(Id);
        run = answer.Value;
        problem = answer.Problem?.ToString();
        if (run is null) return;
        var lines = await Api.RunLogsAsync(Id, null, limit: 1000);
        log.AddRange(lines.Value?.Items ?? []);
        if (run.Finished) await LoadOutcomesAsync();
        else StartStream();
    }

    private void StartStream()
    {
        stream = new CancellationTokenSource();
        var token = stream.Token;
        _ = Task.Run(() => FollowAsync(token), token);
    }

    /// <summary>
    /// Applies the events as they arrive, rendering at most every <see cref="RenderEvery"/>: a fast run sends hundreds of
    /// events a second, and a render per event queued renders behind each other (measured: lines reached the page up to
    /// 2 s late) where one render per batch keeps every line within a render of its arrival. When the stream ends,
    /// reads the final record once.
    /// </summary>
    private async Task FollowAsync(CancellationToken token)
    {
        try
        {
            var events = Channel.CreateUnbounded<RunEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var reading = ReadAsync(events.Writer, token);
            while (await events.Reader.WaitToReadAsync(token))
            {
                var batch = new List<RunEvent>();
                while (events.Reader.TryRead(out var e)) batch.Add(e);
                // A status change (pending → running) is when the record gains its version: read it once then.
                var record = batch.Any(e => e.Type == "status") && run?.VersionHash is null ? (await Api.RunAsync(Id, token)).Value : null;
                await InvokeAsync(() =>
                {
                    if (record is not null) run = record;
                    foreach (var e in batch) Apply(e);
                    StateHasChanged();
                });
                await Task.Delay(RenderEvery, token);
            }
            await reading;
            var final = await Api.RunAsync(Id, token);
            await InvokeAsync(async () =>
            {
                run = final.Value ?? run;
                if (run?.Finished == true) await LoadOutcomesAsync();
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <summary>The event stream into <paramref name="events"/>; its end (or failure) completes the channel.</summary>
    private async Task ReadAsync(ChannelWriter<RunEvent> events, CancellationToken token)
    {
        try
        {
            await foreach (var e in Api.RunEventsAsync(Id, token)) events.TryWrite(e);
            events.TryComplete();
        }
        catch (Exception e)
        {
            events.TryComplete(e);
        }
    }

    private void Apply(RunEvent e)
    {
        if (run is null) return;
        switch (e.Type)
        {
            case "progress":
                var progress = new RunProgress(Json.Long(e.Data, "processed") ?? 0, Json.Long(e.Data, "total"));
                watch.Observe(progress.Processed);
                run = run with { Progress = progress, Counts = Json.Property(e.Data, "counts") ?? run.Counts };
                break;
            case "log":
                var sequence = Json.Long(e.Data, "sequence") ?? 0;
                if (log.Count > 0 && sequence <= log[^1].Sequence) break; // already read from the log before the stream began
                log.Add(new RunLogLine(sequence, Json.Date(e.Data, "at") ?? DateTime.UtcNow, Json.Text(e.Data, "level") ?? "Information",
                    Json.Text(e.Data, "message") ?? "", Json.Text(e.Data, "customerId")));
                if (log.Count > LogTail * 5) log.RemoveRange(0, log.Count - LogTail);
                break;
            case "status":
                run = run with
                {
                    Status = Json.Text(e.Data, "status") ?? run.Status, Error = Json.Text(e.Data, "error") ?? run.Error,
                    StartedAt = Json.Date(e.Data, "startedAt") ?? run.StartedAt, FinishedAt = Json.Date(e.Data, "finishedAt") ?? run.FinishedAt,
                    Counts = Json.Property(e.Data, "counts") ?? run.Counts,
                };
                break;
        }
    }

    private async Task LoadOutcomesAsync()
    {
        var page = await Api.RunOutcomesAsync(Id, null);
        outcomes = page.Value?.Items ?? [];
        outcomesCursor = page.Value?.NextCursor;
    }

    private async Task MoreOutcomesAsync()
    {
        var page = await Api.RunOutcomesAsync(Id, outcomesCursor);
        outcomes.AddRange(page.Value?.Items ?? []);
        outcomesCursor = page.Value?.NextCursor;
    }

    private async Task CancelAsync()
    {
        busy = true;
        var answer = await Api.CancelRunAsync(Id);
        problem = answer.Problem?.ToString();
        busy = false;
    }

    private async Task RerunAsync()
    {
        busy = true;
        var answer = await Api.RerunAsync(Id);
        busy = false;
        if (answer.Value is { } accepted) Navigation.NavigateTo($"runs/{Uri.EscapeDataString(accepted.Id)}");
        else problem = answer.Problem?.ToString();
    }

    private async Task StopStreamAsync()
    {
        if (stream is null) return;
        await stream.CancelAsync();
        stream.Dispose();
        stream = null;
    }

    public async ValueTask DisposeAsync() => await StopStreamAsync();
}
