using Microsoft.CodeAnalysis;
using RuleEngine.Rules;
using RuleEngine.Scripting;

namespace RuleEngine.Editing;

/// <summary>
/// What an editor asks while an analyst types a rule: diagnostics (the rule compiler's own, exactly what
/// validate reports), completions and hover (Roslyn's editing services over a reused script workspace with the
/// rule compiler's references and #load files). Thread-safe; nothing is saved.
/// </summary>
public sealed class RuleEditor(RuleCatalog catalog) : IDisposable
{
    readonly RuleCompiler _compiler = new(); // like validation of drafts: never fills the compile cache
    readonly RuleSourceReader _reader = new(catalog.RulesRoot);
    readonly EditingWorkspacePool _pool = new();

    /// <summary>How many editing workspaces were built so far (they are reused, so this stays small).</summary>
    public int WorkspacesCreated => _pool.Created;

    /// <summary>What <c>validate</c> reports for the same text, without emitting the assembly.</summary>
    /// <param name="path">See <see cref="DraftPath.Resolve"/>.</param>
    public IReadOnlyList<RuleDiagnostic> Diagnostics(string text, string? path = null)
    {
        CheckSize(text);
        var (sources, readProblems) = _reader.Read(DraftPath.Resolve(catalog, path), text);
        return _compiler.Diagnose(sources, readProblems);
    }

    /// <param name="position">0-based offset into <paramref name="text"/>, 0 to its length.</param>
    public Task<IReadOnlyList<CompletionEntry>> CompletionsAsync(string text, int position, string? path = null, CancellationToken cancellation = default) =>
        WithDocumentAsync(text, position, path, document => RuleCompletions.GetAsync(document, position, cancellation), cancellation);

    /// <summary>Markdown for the symbol at <paramref name="position"/>, or null when there is none.</summary>
    public Task<string?> HoverAsync(string text, int position, string? path = null, CancellationToken cancellation = default) =>
        WithDocumentAsync(text, position, path, document => RuleHover.GetAsync(document, position, cancellation), cancellation);

    /// <summary>Answers one completion over a tiny rule, so Roslyn's editing services are loaded before anyone types.</summary>
    public async Task<TimeSpan> WarmUpAsync(CancellationToken cancellation = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        const string text = "// warm-up\nvar spent = Spend";
        await CompletionsAsync(text, text.Length, cancellation: cancellation);
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    async Task<T> WithDocumentAsync<T>(string text, int position, string? path, Func<Document, Task<T>> work, CancellationToken cancellation)
    {
        CheckSize(text);
        if (position < 0 || position > text.Length)
            throw new ArgumentOutOfRangeException(nameof(position), position,
                $"Position {position} is outside the text, which has {text.Length} characters (a position is a 0-based offset from 0 to {text.Length}).");
        var relative = DraftPath.Resolve(catalog, path);
        var (sources, _) = _reader.Read(relative, text);
        var loads = new LoadedFilesResolver(sources.Loaded.ToDictionary(f => _reader.ToFullPath(f.Path), f => f.Content));
        var fullPath = _reader.ToFullPath(relative);
        return await _pool.UseAsync(workspace => work(workspace.Update(text, fullPath, loads)), cancellation);
    }

    static void CheckSize(string text)
    {
        if (RuleSizeLimit.Exceeds(text))
            throw new ArgumentException($"The rule text is larger than {RuleSizeLimit.MaxBytes / 1024} KB; split shared code into rules/_shared/ helpers.", nameof(text));
    }

    public void Dispose() => _pool.Dispose();
}
