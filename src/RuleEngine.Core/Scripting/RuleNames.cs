using System.Text.RegularExpressions;

namespace RuleEngine.Scripting;

/// <summary>Rule names appear in URLs, file names and audit records, so they are kept plain.</summary>
public static partial class RuleNames
{
    public const string Rule = "lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters, and not 'script-api'";

    /// <summary>Names that are API paths under /api/rules (GET /api/rules/script-api would hide a rule of that name).</summary>
    static readonly HashSet<string> Reserved = ["script-api"];

    public static bool IsValid(string name) => name.Length <= 64 && Pattern().IsMatch(name) && !Reserved.Contains(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Pattern();
}
