using System.Text.RegularExpressions;

namespace RuleEngine.Tests.Scripting.Hostile;

/// <summary>
/// What a hostile script declares about itself on its first line, so that the corpus grows by adding a file:
/// <c>// expect RE0010 line 3: System.IO.File</c> (refused at compile time: that id, on that line, naming that text) or
/// <c>// expect runtime TimedOut</c> / <c>// expect runtime ArgumentException line 3</c> (compiles, and fails when run:
/// an abort reason, or an exception type and the analyst's line). The line has no colon before its last part, so the
/// rule header parser reads it as an ordinary comment.
/// </summary>
public sealed partial record HostileExpectation(string? DiagnosticId, string? Runtime, int? Line, string? Text)
{
    public bool IsCompileTime => DiagnosticId is not null;

    public static HostileExpectation Parse(string firstLine)
    {
        if (CompileTime().Match(firstLine) is { Success: true } compile)
            return new(compile.Groups["id"].Value, null, int.Parse(compile.Groups["line"].Value), compile.Groups["text"].Value);
        if (RunTime().Match(firstLine) is { Success: true } run)
            return new(null, run.Groups["what"].Value, run.Groups["line"].Success ? int.Parse(run.Groups["line"].Value) : null, null);
        throw new FormatException($"A hostile script must start with '// expect ...'; found: {firstLine}");
    }

    [GeneratedRegex(@"^// expect (?<id>(RE|CS)\d{4}) line (?<line>\d+): (?<text>.+)$")]
    private static partial Regex CompileTime();

    [GeneratedRegex(@"^// expect runtime (?<what>\w+)(?: line (?<line>\d+))?$")]
    private static partial Regex RunTime();
}
