using RuleEngine.Rules;
using RuleEngine.Scripting;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Security;

namespace RuleEngine.Server.Rules;

/// <summary>
/// A rule's tests file over REST, so that the workbench (and "capture as test") can add cases without shell access.
/// The file is part of the rule's version: writing it goes through the same last-good rules and audit as a rule save.
/// </summary>
internal static class RuleTestsFile
{
    public sealed record TestsFileView(string Path, string? Content);

    public static IResult Get(string name, RuleCatalog catalog)
    {
        if (catalog.Find(name) is not { } rule) return NotFound(name);
        return TypedResults.Ok(new TestsFileView(RuleSources.TestsPathFor(rule.Path), catalog.ReadTests(rule)));
    }

    public static async Task<IResult> Save(string name, HttpRequest request, HttpContext http, RuleCatalog catalog, CancellationToken cancellation)
    {
        if (!RuleNames.IsValid(name) || catalog.Find(name) is null) return NotFound(name);
        var (text, problem) = await ScriptBody.ReadAsync(request, cancellation);
        if (problem is not null) return problem;
        if (await catalog.SaveTestsAsync(name, text!, http.Actor(), cancellation) is not { } saved)
            return Problems.Conflict($"Rule '{name}' is disabled (its file is gone); save the rule first.");
        return RuleWrites.Answer(saved.State, saved.Activated, null);
    }

    static IResult NotFound(string name) => Problems.NotFound("rule", name, "List the rules with GET /api/rules.");
}
