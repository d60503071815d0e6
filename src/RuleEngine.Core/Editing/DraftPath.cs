using RuleEngine.Rules;
using RuleEngine.Scripting;

namespace RuleEngine.Editing;

/// <summary>
/// Where a draft sits in the rules folder, which decides how its <c>#load</c> paths resolve and which file its
/// diagnostics name: a known rule's file, a path inside the rules folder, or <c>draft.csx</c> at its top.
/// </summary>
public static class DraftPath
{
    /// <param name="pathOrName">A rule name (<c>daily-signin</c>), a path relative to the rules folder
    /// (<c>rewards/daily-signin.csx</c>), or null.</param>
    /// <exception cref="ArgumentException">The path leaves the rules folder or is not a .csx file.</exception>
    public static string Resolve(RuleCatalog catalog, string? pathOrName)
    {
        if (string.IsNullOrWhiteSpace(pathOrName)) return "draft.csx";
        if (catalog.Find(pathOrName) is { } rule) return rule.Path;
        if (RuleNames.IsValid(pathOrName)) return pathOrName + ".csx";
        var path = pathOrName.Replace('\\', '/');
        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Path.IsPathRooted(path) || path.StartsWith('/')
            || path.Split('/').Any(part => part is "" or "." or ".."))
            throw new ArgumentException($"Path '{pathOrName}' must be relative to the rules folder, without '.' or '..' parts (e.g. rewards/daily-signin.csx).");
        if (!path.EndsWith(".csx", StringComparison.Ordinal))
            throw new ArgumentException($"Path '{pathOrName}' must name a .csx rule file (e.g. rewards/daily-signin.csx).");
        return path;
    }
}
