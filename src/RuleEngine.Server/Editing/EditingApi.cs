using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Editing;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.Editing;

/// <summary>
/// What a rule editor calls while an analyst types (see shared API contract, "Round 2 additions"): diagnostics,
/// completion, hover, the draft's tests, diffs between versions, and the script API reference. Nothing here saves.
/// </summary>
public static class EditingApi
{
    public static IEndpointRouteBuilder MapEditing(this IEndpointRouteBuilder app)
    {
        var editing = app.MapGroup("/api/rules").WithTags("Editing").RequireAuthorization(Policies.WriteRules);
        editing.MapPost("/diagnostics", Diagnostics)
            .WithSummary("What validate reports for a draft (same compiler, allow-list and file:line:col), fast enough to call per keystroke");
        editing.MapPost("/completions", Completions)
            .WithSummary("Completions at a 0-based offset: Roslyn's list filtered through the rules' allow-list, with signatures and docs");
        editing.MapPost("/hover", Hover).WithSummary("Signature and XML doc (Markdown) of the symbol at a 0-based offset");
        editing.MapPost("/{name}/tests", EditingTests.Run)
            .WithSummary("Run the rule's given/expect cases against the draft text (or the live version when no text is given)");

        var reads = app.MapGroup("/api/rules").WithTags("Editing").RequireAuthorization(Policies.ReadRules);
        reads.MapGet("/{name}/diff", Diff).WithSummary("Unified diff and hunks of a rule file between two versions (hash or 'live')");
        reads.MapGet("/script-api", ScriptApi).WithSummary("Every member of the script API with its signature and doc, as hover shows them");
        return app;
    }

    static async Task<IResult> Diagnostics(DiagnosticsRequest body, RuleEditor editor, CancellationToken cancellation)
    {
        if (EditingRequests.CheckText(body.Text) is { } problem) return problem;
        try
        {
            var diagnostics = await Task.Run(() => editor.Diagnostics(body.Text!, body.Path), cancellation);
            return TypedResults.Ok(new DiagnosticsResponse(diagnostics));
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    static Task<IResult> Completions(PositionRequest body, RuleEditor editor, CancellationToken cancellation) =>
        AtPosition(body, async () => new CompletionsResponse(await editor.CompletionsAsync(body.Text!, body.Position!.Value, body.Path, cancellation)));

    static Task<IResult> Hover(PositionRequest body, RuleEditor editor, CancellationToken cancellation) =>
        AtPosition(body, async () => new HoverResponse(await editor.HoverAsync(body.Text!, body.Position!.Value, body.Path, cancellation)));

    static async Task<IResult> AtPosition<T>(PositionRequest body, Func<Task<T>> answer)
    {
        if ((EditingRequests.CheckText(body.Text) ?? EditingRequests.CheckPosition(body.Text!, body.Position)) is { } problem) return problem;
        try
        {
            return TypedResults.Ok(await answer());
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }

    static Results<Ok<RuleDiff>, ProblemHttpResult> Diff(string name, string? from, string? to, RuleVersionDiff diffs)
    {
        var result = diffs.Compare(name, from, to);
        if (result.UnknownRule) return Problems.NotFound("rule", name, "List the rules with GET /api/rules.");
        if (result.UnknownVersion is { } unknown)
            return Problems.NotFound("version of rule " + name, unknown,
                $"Name a version by its hash (or a unique prefix of 7 or more characters) or 'live'; list them with GET /api/rules/{name}/versions.");
        return TypedResults.Ok(result.Diff!);
    }

    static Ok<ScriptApiResponse> ScriptApi() => TypedResults.Ok(new ScriptApiResponse(ScriptApiReference.Members));
}
