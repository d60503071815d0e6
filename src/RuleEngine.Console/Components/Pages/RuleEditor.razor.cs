using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using RuleEngine.Console.Components.Controls;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Pages;

/// <summary>
/// "Is my change right, and whom does it affect?" — the analysts' workbench for one rule: edit with live diagnostics,
/// run its tests, preview its impact against the live version, save, compare versions and roll back. Every action
/// is one REST call (see docs/writing-rules.md, "The workbench").
/// </summary>
public partial class RuleEditor : IAsyncDisposable
{
    /// <summary>How often a running preview or run is asked for its progress.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(400);

    [Inject] private RuleEngineApi Api { get; set; } = default!;
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    private readonly CancellationTokenSource disposed = new();
    private CodeEditor? editor;
    private RuleDetail? detail;
    private string? loadProblem;
    private IReadOnlyList<Diagnostic> diagnostics = [];
    private string tab = "impact";

    private bool saving;
    private bool saveOk;
    private string? saveMessage;

    private bool testsRunning;
    private IReadOnlyList<TestCaseResult>? testResults;
    private string? testsProblem;

    private RunView? previewRun;
    private PreviewImpact? impact;
    private string? previewProblem;
    private string? captureMessage;

    private RuleDiff? diff;
    private string? historyProblem;

    private RunView? triggeredRun;
    private string? runProblem;

    private string? openFile;
    private string? openFileText;
    private string? openFileProblem;

    private IJSObjectReference? shortcutsModule;
    private IJSObjectReference? shortcuts;
    private DotNetObjectReference<RuleEditor>? self;

    private bool PreviewRunning => previewRun is { Finished: false };

    private IEnumerable<(string Id, string Title)> Tabs
    {
        get
        {
            if (Session.Can.WriteRules) yield return ("impact", "Preview impact");
            if (Session.Can.WriteRules) yield return ("tests", "Tests");
            yield return ("history", "History");
            if (Session.Can.DryRun || Session.Can.TriggerRuns) yield return ("run", "Run");
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!Session.Can.WriteRules) tab = "history";
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        shortcutsModule = await Js.InvokeAsync<IJSObjectReference>("import", "./_content/RuleEngine.Console/shortcuts.js");
        self = DotNetObjectReference.Create(this);
        shortcuts = await shortcutsModule.InvokeAsync<IJSObjectReference>("listen", self);
    }

    private async Task LoadAsync()
    {
        var answer = await Api.RuleAsync(Name);
        detail = answer.Value;
        loadProblem = answer.Problem?.ToString();
        if (detail is not null && diagnostics.Count == 0) diagnostics = detail.Diagnostics;
    }

    [JSInvokable]
    public Task OnShortcut(string name) => InvokeAsync(async () =>
    {
        if (!Session.Can.WriteRules || detail is null) return;
        switch (name)
        {
            case "save": await SaveAsync(); break;
            case "tests": await RunTestsAsync(); break;
            case "preview": await PreviewAsync(); break;
        }
        StateHasChanged();
    });

    private void OnDiagnosticsChanged(IReadOnlyList<Diagnostic> found) => diagnostics = found;

    private async Task<string> TextAsync() => editor is null ? detail?.Source ?? "" : await editor.GetTextAsync();

    private async Task SaveAsync()
    {
        if (saving) return;
        saving = true;
        saveMessage = "Saving…";
        try
        {
            var answer = await Api.SaveAsync(Name, await TextAsync());
            if (answer.Value is { } result)
            {
                saveOk = result.Active;
                diagnostics = result.Diagnostics;
                saveMessage = result.Active
                    ? $"Saved: version {Short(result.VersionHash)} is live."
                    : $"Kept as a draft: it does not compile or fails its tests ({result.Diagnostics.Count(d => d.IsError)} errors). Version {Short(result.VersionHash)} keeps running.";
                await LoadAsync();
            }
            else
            {
                saveOk = false;
                saveMessage = "Not saved: " + answer.Problem;
            }
        }
        finally
        {
            saving = false;
        }
    }

    private async Task RunTestsAsync()
    {
        if (testsRunning) return;
        tab = "tests";
        testsRunning = true;
        testsProblem = null;
        StateHasChanged();
        try
        {
            var answer = await Api.TestsAsync(Name, await TextAsync());
            testResults = answer.Value;
            testsProblem = answer.Problem?.ToString();
        }
        finally
        {
            testsRunning = false;
        }
    }

    private async Task PreviewAsync()
    {
        if (PreviewRunning) return;
        tab = "impact";
        previewProblem = null;
        captureMessage = null;
        impact = null;
        var started = await Api.PreviewAsync(Name, await TextAsync());
        if (started.Value is not { } accepted)
        {
            previewRun = null;
            previewProblem = "The preview did not start: " + started.Problem;
            return;
        }
        previewRun = await FollowAsync(accepted.Id, run => previewRun = run);
        if (previewRun?.Impact is { } json) impact = PreviewImpact.From(json);
    }

    private async Task CancelPreviewAsync()
    {
        if (previewRun is null) return;
        var answer = await Api.CancelRunAsync(previewRun.Id);
        if (!answer.Ok) previewProblem = "Could not cancel: " + answer.Problem;
    }

    private async Task CaptureAsync(PreviewSample sample)
    {
        if (previewRun is null) return;
        var answer = await Api.CaptureTestAsync(Name, previewRun.Id, sample.CustomerId);
        captureMessage = answer.Ok
            ? $"Captured customer {sample.CustomerId} as a test case{(answer.Value is { } v && Json.Text(v, "name") is { } n ? $" \"{n}\"" : "")}; run the tests to see it."
            : "Not captured: " + answer.Problem;
    }

    private async Task TriggerAsync(bool dryRun)
    {
        tab = "run";
        runProblem = null;
        var started = await Api.TriggerRunAsync(Name, dryRun);
        if (started.Value is not { } accepted)
        {
            triggeredRun = null;
            runProblem = "The run did not start: " + started.Problem;
            return;
        }
        triggeredRun = await FollowAsync(accepted.Id, run => triggeredRun = run);
        await LoadAsync();
    }

    /// <summary>Polls a run until it ends, showing each state on the way; the last state seen.</summary>
    private async Task<RunView?> FollowAsync(string id, Action<RunView> show)
    {
        RunView? last = null;
        while (!disposed.IsCancellationRequested)
        {
            var answer = await Api.RunAsync(id, disposed.Token);
            if (answer.Value is not { } run) break;
            last = run;
            show(run);
            StateHasChanged();
            if (run.Finished) break;
            try { await Task.Delay(PollInterval, disposed.Token); }
            catch (OperationCanceledException) { break; }
        }
        return last;
    }

    private async Task DiffAsync((string From, string To) versions)
    {
        var answer = await Api.DiffAsync(Name, versions.From, versions.To);
        diff = answer.Value;
        historyProblem = answer.Problem is null ? null : "No diff: " + answer.Problem;
    }

    private async Task RollbackAsync(RuleVersion version)
    {
        var answer = await Api.RollbackAsync(Name, version.Hash);
        if (answer.Value is { } result)
        {
            saveOk = result.Active;
            saveMessage = result.Active
                ? $"Rolled back: version {Short(result.VersionHash)} is live."
                : "Rollback kept as a draft: that text does not compile with today's helpers.";
            historyProblem = null;
            await LoadAsync();
            if (editor is not null && detail?.Source is { } source) await editor.SetTextAsync(source);
        }
        else
        {
            historyProblem = "Not rolled back: " + answer.Problem;
        }
    }

    private async Task OpenLoadedFileAsync(string path)
    {
        openFile = path;
        openFileText = null;
        openFileProblem = null;
        if (detail?.VersionHash is not { } hash)
        {
            openFileProblem = "The rule has no live version whose helper files could be shown.";
            return;
        }
        var answer = await Api.VersionAsync(Name, hash);
        if (answer.Value?.LoadedFiles.TryGetValue(path, out var text) == true) openFileText = text;
        else openFileProblem = answer.Problem?.ToString() ?? $"{path} is not among the live version's files.";
    }

    private static string Short(string? hash) => hash is null ? "—" : hash[..Math.Min(8, hash.Length)];

    public async ValueTask DisposeAsync()
    {
        await disposed.CancelAsync();
        try
        {
            if (shortcuts is not null)
            {
                await shortcuts.InvokeVoidAsync("dispose");
                await shortcuts.DisposeAsync();
            }
            if (shortcutsModule is not null) await shortcutsModule.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone, and its listeners with it.
        }
        self?.Dispose();
        disposed.Dispose();
    }
}
