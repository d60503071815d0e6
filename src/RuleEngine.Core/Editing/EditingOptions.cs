namespace RuleEngine.Editing;

/// <summary>The <c>RuleEngine:Editing</c> configuration section (see docs/operations.md).</summary>
public sealed class EditingOptions
{
    public const string Section = "RuleEngine:Editing";

    /// <summary>
    /// Build one editing workspace and answer one completion at start-up, in the background, so the first analyst who
    /// types gets completions in tens of milliseconds instead of waiting ~1.5 s for Roslyn's editing services to load.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}
