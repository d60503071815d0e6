using BlazorMonaco.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using RuleEngine.Console.Model;

namespace RuleEngine.Console.Components.Controls;

/// <summary>
/// Monaco (from BlazorMonaco) with C# highlighting. With <see cref="LanguageServices"/>, it checks the text as the
/// user types (debounced) and offers completion and hover, all from the REST editing calls, through wwwroot/ruleEditor.js.
/// </summary>
public partial class CodeEditor : IAsyncDisposable
{
    /// <summary>How long typing must pause before the text is checked.</summary>
    public const int DebounceMilliseconds = 400;

    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private RuleEngineApi Api { get; set; } = default!;

    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter] public string Text { get; set; } = "";
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public string Height { get; set; } = "24rem";
    /// <summary>The rule's path in the rules folder: its <c>#load</c>s resolve from there, and only its own diagnostics become markers.</summary>
    [Parameter] public string? Path { get; set; }
    [Parameter] public bool LanguageServices { get; set; }
    /// <summary>Every diagnostic of the last check (also those in <c>#load</c>ed files), for a list beside the editor.</summary>
    [Parameter] public EventCallback<IReadOnlyList<Diagnostic>> DiagnosticsChanged { get; set; }

    private StandaloneCodeEditor? editor;
    private IJSObjectReference? module;
    private DotNetObjectReference<CodeEditor>? self;

    private StandaloneEditorConstructionOptions Options(StandaloneCodeEditor _) => new()
    {
        Language = "csharp",
        Value = Text,
        ReadOnly = ReadOnly,
        AutomaticLayout = true,
        Minimap = new EditorMinimapOptions { Enabled = false },
        ScrollBeyondLastLine = false,
        FontSize = 13,
        TabSize = 4,
        // Only the server's completions: what it offers is what compiles (no guesses from words in the file).
        WordBasedSuggestions = false,
        FixedOverflowWidgets = true,
    };

    private async Task OnDidInitAsync()
    {
        if (!LanguageServices) return;
        module = await Js.InvokeAsync<IJSObjectReference>("import", "./_content/RuleEngine.Console/ruleEditor.js");
        self = DotNetObjectReference.Create(this);
        await module.InvokeVoidAsync("attach", Id, self, DebounceMilliseconds);
    }

    public async Task<string> GetTextAsync() => editor is null ? Text : await editor.GetValue() ?? Text;

    public async Task SetTextAsync(string text)
    {
        if (editor is not null) await editor.SetValue(text);
    }

    [JSInvokable]
    public async Task<IReadOnlyList<Marker>> Check(string text)
    {
        var answer = await Api.DiagnosticsAsync(text, Path);
        var diagnostics = answer.Value?.Diagnostics ?? [];
        if (answer.Problem is { } problem)
            diagnostics = [new Diagnostic("error", "console", "Could not check the text: " + problem, "(server)", 1, 1)];
        await DiagnosticsChanged.InvokeAsync(diagnostics);
        return diagnostics.Where(IsInThisFile).Select(d => new Marker(d.Severity, d.Id, d.Message, d.Line, d.Column)).ToList();
    }

    [JSInvokable]
    public async Task<IReadOnlyList<CompletionItem>> Complete(string text, int position) =>
        (await Api.CompletionsAsync(text, position, Path)).Value?.Items ?? [];

    [JSInvokable]
    public async Task<string?> Hover(string text, int position) =>
        (await Api.HoverAsync(text, position, Path)).Value?.Markdown;

    private bool IsInThisFile(Diagnostic d) => Path is null || d.Path == Path;

    /// <summary>What ruleEditor.js turns into a Monaco marker.</summary>
    public sealed record Marker(string Severity, string Id, string Message, int Line, int Column);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("detach", Id);
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone; nothing to detach from.
            }
        }
        self?.Dispose();
    }
}
