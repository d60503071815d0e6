namespace RuleEngine.Console.Model;

// What the console reads of rules: the JSON of GET /api/rules, /api/rules/{name} and the versions (docs: shared API).

public sealed record WhoAmI(string Name, string Role, IReadOnlyList<string> Policies);

public sealed record RunBrief(string Id, string Status, DateTime? StartedAt, DateTime? FinishedAt);

public sealed record RuleSummary(
    string Name, string? Kind, string? Schedule, string? TimeZone, string? Description, string? Owner, string Status,
    string? VersionHash, string? PendingVersion, DateTime? NextFireTime, RunBrief? LastRun, IReadOnlyList<string>? Triggers = null);

public sealed record Diagnostic(string Severity, string Id, string Message, string Path, int Line, int Column)
{
    public bool IsError => Severity == "error";
    public override string ToString() => $"{Path}({Line},{Column}): {Severity} {Id}: {Message}";
}

public sealed record RuleTest(string Name, bool Passed, string? Message);

public sealed record RuleVersion(string Hash, DateTime CreatedAt, string Source, string Actor, bool Good, string Path, bool Active);

public sealed record RuleDetail(
    string Name, string? Kind, string? Schedule, string? TimeZone, string? Description, string? Owner, string Status,
    string? VersionHash, string? PendingVersion, DateTime? NextFireTime, RunBrief? LastRun, string Path, string? Source,
    IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> LoadedFiles, IReadOnlyList<RuleVersion> Versions,
    IReadOnlyList<RuleTest> Tests);

public sealed record RuleVersionContent(
    string Hash, DateTime CreatedAt, string Source, string Actor, bool Good, string Path, string Content,
    IReadOnlyDictionary<string, string> LoadedFiles);

/// <summary>The answer to a save or rollback (200: the new text runs; 422: it does not, the last good version keeps running).</summary>
public sealed record SaveResult(bool Active, string Status, string? VersionHash, string? PendingVersion, IReadOnlyList<Diagnostic> Diagnostics);

public sealed record DiffLine(string Op, string Text);

public sealed record DiffHunk(int OldStart, int OldLines, int NewStart, int NewLines, IReadOnlyList<DiffLine> Lines);

public sealed record RuleDiff(string? From, string To, string? Unified, IReadOnlyList<DiffHunk> Hunks);
