using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Server.Errors;

namespace RuleEngine.Server.Security;

/// <summary>
/// For permissions that depend on the request body, which route metadata cannot express. The runs endpoint,
/// for example, carries <see cref="Policies.DryRun"/> and refuses a real run unless the caller passes
/// <see cref="Policies.TriggerRuns"/>:
/// <code>if (await context.ForbidUnlessAllowedAsync(Policies.TriggerRuns, "a run that is not a dry run") is { } refused) return refused;</code>
/// </summary>
public static class PolicyChecks
{
    /// <summary>Null when allowed; otherwise a 403 problem, reported like any other refusal (log, metric, security event).</summary>
    public static async Task<ProblemHttpResult?> ForbidUnlessAllowedAsync(this HttpContext context, string policy, string what)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(context.User, policy)).Succeeded) return null;

        var detail = RefusedRequestReporter.WrongRole(context, what, Policies.RolesByPolicy[policy]);
        await context.RequestServices.GetRequiredService<RefusedRequestReporter>().ForbiddenAsync(context, detail);
        return Problems.Problem(StatusCodes.Status403Forbidden, "Role not allowed", detail);
    }
}
