using RuleEngine.Server.Errors;
using RuleEngine.Server.Security;
using RuleEngine.Rules;
using RuleEngine.Scripting;

namespace RuleEngine.Server.Rules;

/// <summary>Analysts' writes: saving a rule and rolling it back, with the same last-good rules as a file edit.</summary>
internal static class RuleWrites
{
    /// <summary>The body of <c>POST /api/rules/{name}/rollback</c>.</summary>
    public sealed record RollbackRequest(string VersionHash);

    /// <summary>The answer to a save or rollback: the rule afterwards, and whether the new text runs.</summary>
    public sealed record SaveResult(bool Active, string Status, string? VersionHash, string? PendingVersion,
        IReadOnlyList<RuleDiagnostic> Diagnostics, IReadOnlyList<string>? ChangedHelpers = null);

    public static async Task<IResult> Save(string name, HttpRequest request, HttpContext http, RuleCatalog catalog, CancellationToken cancellation)
    {
        if (!RuleNames.IsValid(name))
            return Problems.BadRequest($"Rule name '{name}' is invalid: {RuleNames.Rule}.");
        var (text, problem) = await ScriptBody.ReadAsync(request, cancellation);
        if (problem is not null) return problem;
        var (state, activated) = await catalog.SaveAsync(name, text!, http.Actor(), cancellation: cancellation);
        return Answer(state, activated, null);
    }

    public static async Task<IResult> Rollback(string name, RollbackRequest body, HttpContext http, RuleCatalog catalog, CancellationToken cancellation)
    {
        if (!RuleNames.IsValid(name) || catalog.Find(name) is null) return Problems.NotFound("rule", name, "List the rules with GET /api/rules.");
        if (string.IsNullOrWhiteSpace(body.VersionHash))
            return Problems.BadRequest("Give the 'versionHash' to roll back to (see GET /api/rules/{name}/versions).");
        var result = await catalog.RollbackAsync(name, body.VersionHash, http.Actor(), cancellation);
        if (result is not { } done) return Problems.NotFound("version of rule " + name, body.VersionHash, $"List its versions with GET /api/rules/{name}/versions.");
        return Answer(done.State, done.Activated, done.ChangedHelpers);
    }

    internal static IResult Answer(RuleState state, bool activated, IReadOnlyList<string>? changedHelpers)
    {
        var result = new SaveResult(activated, state.Status.ToString().ToLowerInvariant(), state.Active?.Hash, state.Pending?.Hash,
            state.Diagnostics, changedHelpers);
        return activated ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

}
