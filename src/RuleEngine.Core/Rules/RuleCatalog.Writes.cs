using RuleEngine.Scripting;

namespace RuleEngine.Rules;

/// <summary>Rule changes made through the API: they go through the rules folder like an edit, with the same last-good rules.</summary>
public sealed partial class RuleCatalog
{
    /// <summary>
    /// Writes <paramref name="text"/> as the file of rule <paramref name="name"/> and considers it at once.
    /// Returns the state afterwards and whether this text is now the version that runs.
    /// </summary>
    public async Task<(RuleState State, bool Activated)> SaveAsync(
        string name, string text, string actor, RuleVersionSource origin = RuleVersionSource.Api, CancellationToken cancellation = default)
    {
        if (!RuleNames.IsValid(name)) throw new ArgumentException($"Rule name '{name}' is invalid: {RuleNames.Rule}.", nameof(name));
        await _changes.WaitAsync(cancellation);
        try
        {
            var path = Find(name)?.Path ?? $"{name}.csx";
            await WriteFileAsync(path, text, cancellation);

            var (sources, readProblems) = _reader.Read(path);
            var headerName = RuleHeaderParser.Parse(text, path).Header?.Name;
            var problems = headerName is not null && headerName != name
                ? readProblems.Append(RuleDiagnostic.Error(RuleDiagnosticIds.HeaderInvalid,
                    $"The header names the rule '{headerName}' but it is saved as '{name}'; make them the same.", path)).ToList()
                : readProblems;
            var state = await ConsiderAsync(name, sources, problems, origin, actor, cancellation);
            return (state, state.Active?.Hash == sources.Hash);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Writes the rule's given/expect tests file (<c>name.tests.json</c> beside it) and considers the rule again: the
    /// tests are part of a version, so this makes a new version that becomes active only if its tests pass (a bad file
    /// or a failing case keeps the last good version running, with the diagnostics). Null when there is no such rule.
    /// </summary>
    public async Task<(RuleState State, bool Activated)?> SaveTestsAsync(string name, string json, string actor, CancellationToken cancellation = default)
    {
        await _changes.WaitAsync(cancellation);
        try
        {
            if (Find(name) is not { Status: not RuleStatus.Disabled } rule) return null;
            await WriteFileAsync(RuleSources.TestsPathFor(rule.Path), json, cancellation);
            var (sources, readProblems) = _reader.Read(rule.Path);
            var state = await ConsiderAsync(name, sources, readProblems, RuleVersionSource.Api, actor, cancellation);
            return (state, state.Active?.Hash == sources.Hash);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>The text of the rule's tests file as it is on disk now, or null when it has none.</summary>
    public string? ReadTests(RuleState rule)
    {
        try { return File.ReadAllText(_reader.ToFullPath(RuleSources.TestsPathFor(rule.Path))); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    async Task WriteFileAsync(string relativePath, string text, CancellationToken cancellation)
    {
        var full = _reader.ToFullPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.saving";
        await File.WriteAllTextAsync(temp, text, cancellation);
        File.Move(temp, full, overwrite: true); // a reader never sees a half-written file
    }

    /// <summary>
    /// Makes an earlier version's text the rule's text again. Helper files are shared by other rules and are not
    /// rewritten; when they changed since, the rolled-back rule compiles with today's helpers and says so.
    /// </summary>
    public async Task<(RuleState State, bool Activated, IReadOnlyList<string> ChangedHelpers)?> RollbackAsync(
        string name, string hash, string actor, CancellationToken cancellation = default)
    {
        if (versions.FindVersion(name, hash) is not { } version) return null;
        var (state, activated) = await SaveAsync(name, version.Content, actor, RuleVersionSource.Rollback, cancellation);
        var changedHelpers = version.LoadedFiles
            .Where(f => state.Active?.Sources.LoadedByPath.GetValueOrDefault(f.Key) is { } now && now != f.Value)
            .Select(f => f.Key).ToList();
        return (state, activated, changedHelpers);
    }
}
