namespace RuleEngine.Rules;

/// <summary>
/// One version of a rule exactly as it was compiled: the rule file and every file it <c>#load</c>s.
/// Kept for ever so that auditors can see what ran and analysts can roll back.
/// </summary>
public sealed record RuleVersion
{
    /// <summary><c>{rule}@{hash}</c>: a rule seen twice with the same content is one version.</summary>
    public string Id => $"{Rule}@{Hash}";
    public required string Rule { get; init; }
    /// <summary>Lowercase hex SHA-256 over the rule file and its loaded files (see <c>SourceHash</c>).</summary>
    public required string Hash { get; init; }
    /// <summary>Path of the rule file relative to the rules folder, with forward slashes.</summary>
    public required string Path { get; init; }
    public required string Content { get; init; }
    /// <summary>The <c>#load</c>ed helper files (and the rule's <c>.tests.json</c>, if any) by relative path, at the content this version had.</summary>
    public IReadOnlyDictionary<string, string> LoadedFiles { get; init; } = new Dictionary<string, string>();
    public required DateTime CreatedAt { get; init; }
    public required RuleVersionSource Source { get; init; }
    /// <summary>Who made the change: an API key name for <see cref="RuleVersionSource.Api"/>, else <c>file</c>.</summary>
    public string Actor { get; init; } = "file";
    /// <summary>True when this version compiled (and passed its tests) and so could be, or was, active.</summary>
    public required bool Good { get; init; }
}

public enum RuleVersionSource { File, Api, Rollback }
