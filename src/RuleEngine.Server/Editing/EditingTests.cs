using RuleEngine.Editing;
using RuleEngine.Server.Errors;

namespace RuleEngine.Server.Editing;

/// <summary><c>POST /api/rules/{name}/tests</c>: the given/expect results of a draft, or of the live version.</summary>
static class EditingTests
{
    public static async Task<IResult> Run(string name, TestsRequest? body, DraftTests tests, CancellationToken cancellation)
    {
        if (body?.Text is { } text && EditingRequests.CheckText(text) is { } problem) return problem;
        var run = await Task.Run(() => tests.Run(name, body?.Text, cancellation), cancellation);
        if (run is null) return Problems.NotFound("rule", name, "List the rules with GET /api/rules.");
        if (!run.Runnable)
        {
            var first = run.Diagnostics.FirstOrDefault(d => d.IsError);
            return Problems.Unprocessable(
                $"The tests of rule '{name}' cannot run: {(first is null ? "the version did not compile" : first.ToString())}",
                new Dictionary<string, object?> { ["rule"] = name, ["version"] = run.Version, ["diagnostics"] = run.Diagnostics });
        }
        return TypedResults.Ok(run);
    }
}
