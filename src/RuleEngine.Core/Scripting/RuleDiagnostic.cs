namespace RuleEngine.Scripting;

/// <summary>
/// A compile-time (or load-time) finding about a rule, located in the analyst's own file:
/// <paramref name="Path"/> is relative to the rules folder, <paramref name="Line"/> and <paramref name="Column"/> are 1-based.
/// </summary>
public sealed record RuleDiagnostic(
    Severity Severity, string Id, string Message, string Path, int Line, int Column)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        $"{Path}({Line},{Column}): {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";

    public static RuleDiagnostic Error(string id, string message, string path, int line = 1, int column = 1) =>
        new(Severity.Error, id, message, path, line, column);

    public static RuleDiagnostic Warning(string id, string message, string path, int line = 1, int column = 1) =>
        new(Severity.Warning, id, message, path, line, column);
}

public enum Severity { Error, Warning, Info }

/// <summary>Ids of the diagnostics RuleEngine itself reports (Roslyn's keep their CS ids).</summary>
public static class RuleDiagnosticIds
{
    public const string HeaderInvalid = "RE0001";
    public const string ReferenceRefused = "RE0002";
    public const string LoadOutsideRules = "RE0003";
    public const string LoadNotFound = "RE0004";
    public const string SharedFileHasStatements = "RE0005";
    public const string NulCharacter = "RE0006";
    public const string ApiNotAllowed = "RE0010";
    public const string SyntaxNotAllowed = "RE0011";
    public const string DuplicateName = "RE0020";
    public const string TestFailed = "RE0030";
}
