namespace RuleEngine.Scripting;

/// <summary>The largest rule script the server accepts, by whatever call it arrives (save, validate, the editor's calls).</summary>
public static class RuleSizeLimit
{
    /// <summary>A rule is a few hundred lines; anything bigger is a mistake (or an attack), not a rule.</summary>
    public const int MaxBytes = 256 * 1024;

    public static bool Exceeds(string text) => text.Length > MaxBytes || System.Text.Encoding.UTF8.GetByteCount(text) > MaxBytes;
}
