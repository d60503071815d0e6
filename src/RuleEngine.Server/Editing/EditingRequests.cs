using RuleEngine.Scripting;
using RuleEngine.Server.Errors;

namespace RuleEngine.Server.Editing;

/// <summary>The body of <c>POST /api/rules/diagnostics</c>: the whole rule file, and where it sits (a rule name or a path under rules/).</summary>
public sealed record DiagnosticsRequest(string? Text, string? Path = null);

/// <summary>The body of <c>POST /api/rules/completions</c> and <c>/hover</c>: the whole rule file and a 0-based offset into it.</summary>
public sealed record PositionRequest(string? Text, int? Position, string? Path = null);

/// <summary>The body of <c>POST /api/rules/{name}/tests</c>: the draft, or nothing for the live version.</summary>
public sealed record TestsRequest(string? Text = null);

public sealed record DiagnosticsResponse(IReadOnlyList<RuleDiagnostic> Diagnostics);

public sealed record CompletionsResponse(IReadOnlyList<RuleEngine.Editing.CompletionEntry> Items);

public sealed record HoverResponse(string? Markdown);

public sealed record ScriptApiResponse(IReadOnlyList<RuleEngine.Editing.ScriptApiMember> Members);

/// <summary>Checks shared by the editing calls, each answering with a ProblemDetails that says what and where.</summary>
static class EditingRequests
{
    public static IResult? CheckText(string? text)
    {
        if (text is null) return Problems.BadRequest("Give the whole rule file in 'text'.");
        if (RuleSizeLimit.Exceeds(text))
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Rule script too large",
                $"The rule text has {System.Text.Encoding.UTF8.GetByteCount(text)} bytes; a rule may have at most {RuleSizeLimit.MaxBytes / 1024} KB. Split shared code into rules/_shared/ helpers.");
        return null;
    }

    public static IResult? CheckPosition(string text, int? position)
    {
        if (position is null) return Problems.BadRequest("Give 'position', a 0-based offset into 'text'.");
        if (position < 0 || position > text.Length)
            return Problems.BadRequest($"Position {position} is outside the text, which has {text.Length} characters: a position is a 0-based offset from 0 to {text.Length}.");
        return null;
    }
}
