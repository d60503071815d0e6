namespace RuleEngine.Scripting;

/// <summary>
/// A rule file is text: a NUL character (U+0000) is never part of one, and PostgreSQL cannot store it (the version
/// store keeps every version's text, good or rejected). Over REST such a script is refused outright; a file with one
/// on disk becomes a rejected version whose stored text shows each NUL as U+FFFD, with an error naming where the first
/// one is, so the last good version keeps running and the attempt stays on record.
/// </summary>
public static class RuleText
{
    /// <summary>Where the first NUL is (1-based line and column), if there is one.</summary>
    public static (int Line, int Column)? FirstNul(string text)
    {
        var at = text.IndexOf('\0');
        if (at < 0) return null;
        var lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        return (text.AsSpan(0, at).Count('\n') + 1, at - lineStart + 1);
    }

    /// <summary>The text as stored and compiled: each NUL replaced by U+FFFD, the replacement character.</summary>
    public static string Storable(string text) => text.Replace('\0', '\uFFFD');

    public static string NulMessage(int line, int column) =>
        $"The file contains a NUL character (U+0000) at line {line}, column {column}; rule files are text.";
}
