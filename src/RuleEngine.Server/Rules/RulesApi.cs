using RuleEngine.Server.Errors;
using RuleEngine.Server.Limits;
using RuleEngine.Server.OpenApi;
using RuleEngine.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Rules;
using RuleEngine.Rules.Testing;
using RuleEngine.Scheduling;
using RuleEngine.Scripting;
using RuleEngine.Storage;

namespace RuleEngine.Server.Rules;

/// <summary>Rules over REST: what the server sees of every rule, validation of drafts, versions (see shared API contract).</summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRules(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/rules").WithTags("Rules").RequireAuthorization(Policies.ReadRules);
        reads.MapGet("/", List).WithSummary("All rules with their status, running version and schedule");
        reads.MapGet("/{name}", Get).WithSummary("One rule: source, path, status, running and pending version, diagnostics, versions");
        reads.MapGet("/{name}/versions", Versions).WithSummary("Every kept version of a rule, newest first");
        reads.MapGet("/{name}/tests", RuleTestsFile.Get).WithSummary("The rule's given/expect tests file as it is now ({ path, content }; content null when it has none)")
            .Produces<RuleTestsFile.TestsFileView>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/{name}/versions/{hash}", Version).WithSummary("The full text of one version of a rule (and the helper files it loaded, and its tests file)");

        var drafts = app.MapGroup("/api/rules").WithTags("Rules").RequireAuthorization(Policies.WriteRules);
        drafts.MapPost("/validate", Validate)
            .WithSummary("Compile a draft rule exactly as the server would, and save nothing")
            .Accepts<string>("text/plain").WithRequestExample("text/plain", ExampleRule)
            .Produces<ValidationResult>();

        var writes = app.MapGroup("/api/rules").WithTags("Rules")
            .RequireAuthorization(Policies.WriteRules).RequireRateLimiting(RateLimits.Writes);
        writes.MapPut("/{name}", RuleWrites.Save)
            .WithSummary("Write a rule's file and compile it: 200 when it became active, 422 when the last good version keeps running")
            .Accepts<string>("text/plain").WithRequestExample("text/plain", ExampleRule)
            .Produces<RuleWrites.SaveResult>().Produces<RuleWrites.SaveResult>(StatusCodes.Status422UnprocessableEntity);
        writes.MapPut("/{name}/tests", RuleTestsFile.Save)
            .WithSummary("Write the rule's tests file (name.tests.json) and consider the rule again: a new version, active only if its tests pass (200), else 422 with diagnostics")
            .Accepts<string>("application/json")
            .Produces<RuleWrites.SaveResult>().Produces<RuleWrites.SaveResult>(StatusCodes.Status422UnprocessableEntity);
        writes.MapPost("/{name}/rollback", RuleWrites.Rollback)
            .WithSummary("Make an earlier version's text the rule's text again (compiled with the same last-good rules)")
            .Produces<RuleWrites.SaveResult>().Produces<RuleWrites.SaveResult>(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    const string ExampleRule = """
        // name: vip-by-spend
        // kind: segmentation
        // schedule: 0 0 2 * * ?
        // description: VIP by spend over the last year
        var spend = SpendWithin(365);
        SetSegment("vip", spend >= 5000 ? "gold" : "none", $"spend {spend:0} in 365 days");

        """;

    static async Task<IReadOnlyList<RuleSummary>> List(RuleCatalog catalog, RuleScheduler scheduler, IRunStore runs, CancellationToken cancellation)
    {
        var summaries = new List<RuleSummary>();
        foreach (var rule in catalog.Rules) summaries.Add(await SummaryAsync(rule, scheduler, runs, cancellation));
        return summaries;
    }

    static async Task<Results<Ok<RuleDetail>, ProblemHttpResult>> Get(
        string name, RuleCatalog catalog, IRuleVersionStore versions, RuleTestsCheck tests, RuleScheduler scheduler, IRunStore runs,
        CancellationToken cancellation)
    {
        if (catalog.Find(name) is not { } rule) return NotFound(name);
        var summary = await SummaryAsync(rule, scheduler, runs, cancellation);
        var source = ReadSource(catalog, rule);
        return TypedResults.Ok(new RuleDetail(
            summary.Name, summary.Kind, summary.Schedule, summary.TimeZone, summary.Description, summary.Owner, summary.Status,
            summary.VersionHash, summary.PendingVersion, summary.NextFireTime, summary.LastRun,
            rule.Path, source, rule.Diagnostics, rule.Active?.Sources.Loaded.Select(f => f.Path).ToList() ?? [],
            rule.Active?.ActivatedAt,
            versions.ListVersions(name).Select(v => RuleVersionView.From(v, rule.Active?.Hash)).ToList(),
            Tests: tests.ResultsOf(name, rule.LatestHash).Select(t => new RuleTestView(t.Name, t.Passed, t.Message)).ToList()) { Triggers = summary.Triggers });
    }

    static Results<Ok<IReadOnlyList<RuleVersionView>>, ProblemHttpResult> Versions(string name, RuleCatalog catalog, IRuleVersionStore versions)
    {
        var all = versions.ListVersions(name);
        if (all.Count == 0 && catalog.Find(name) is null) return NotFound(name);
        var activeHash = catalog.Find(name)?.Active?.Hash;
        return TypedResults.Ok<IReadOnlyList<RuleVersionView>>(all.Select(v => RuleVersionView.From(v, activeHash)).ToList());
    }

    static Results<Ok<RuleVersionContent>, ProblemHttpResult> Version(string name, string hash, IRuleVersionStore versions)
    {
        if (versions.FindVersion(name, hash) is not { } v)
            return Problems.NotFound("version of rule " + name, hash, $"List its versions with GET /api/rules/{name}/versions.");
        return TypedResults.Ok(new RuleVersionContent(v.Hash, v.CreatedAt, v.Source.ToString().ToLowerInvariant(), v.Actor, v.Good,
            v.Path, v.Content, v.LoadedFiles));
    }

    static async Task<IResult> Validate(HttpRequest request, RuleCatalog catalog, string? name, CancellationToken cancellation)
    {
        // The name becomes the draft's file path (for its #load paths): a NUL in it made Path.GetFullPath throw, a 500.
        if (name is not null && !RuleNames.IsValid(name))
            return Problems.BadRequest($"Rule name '{name}' is invalid: {RuleNames.Rule}.");
        var (text, problem) = await ScriptBody.ReadAsync(request, cancellation);
        if (problem is not null) return problem;
        var compilation = await Task.Run(() => catalog.Validate(text!, name), cancellation);
        return TypedResults.Ok(new ValidationResult(compilation.Succeeded, compilation.Diagnostics));
    }

    static async Task<RuleSummary> SummaryAsync(RuleState rule, RuleScheduler scheduler, IRunStore runs, CancellationToken cancellation) =>
        RuleSummary.From(rule, await scheduler.NextFireTimeAsync(rule.Name, cancellation), runs.Last(rule.Name));

    /// <summary>The text on disk is what an analyst edits; when the file is gone, the running version's text.</summary>
    static string? ReadSource(RuleCatalog catalog, RuleState rule)
    {
        try { return File.ReadAllText(Path.Combine(catalog.RulesRoot, rule.Path)); }
        catch (IOException) { return rule.Active?.Sources.Main.Content; }
    }

    static ProblemHttpResult NotFound(string name) => Problems.NotFound("rule", name, "List the rules with GET /api/rules.");
}
