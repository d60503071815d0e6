namespace RuleEngine.Server.Security;

/// <summary>
/// Named authorization policies: attach one to a route group or endpoint with
/// <c>.RequireAuthorization(Policies.WriteRules)</c>. Endpoints without a policy still need a valid key
/// of any role (the fallback policy); only endpoints marked <c>.AllowAnonymous()</c> answer without one.
/// Several policies on one endpoint must all be satisfied.
/// </summary>
public static class Policies
{
    /// <summary>List and read rules, versions and diffs: every role.</summary>
    public const string ReadRules = "rules:read";

    /// <summary>Write, validate and roll back rules: analyst, admin.</summary>
    public const string WriteRules = "rules:write";

    /// <summary>
    /// Start a dry run: analyst, ops, admin. The runs endpoint carries this policy and, for a run that is
    /// not a dry run, additionally checks <see cref="TriggerRuns"/> with <c>IAuthorizationService</c>.
    /// </summary>
    public const string DryRun = "runs:dry-run";

    /// <summary>Trigger real runs (which change state): ops, admin.</summary>
    public const string TriggerRuns = "runs:trigger";

    /// <summary>Cancel runs: ops, admin.</summary>
    public const string CancelRuns = "runs:cancel";

    /// <summary>Read runs, their logs and outcomes: every role.</summary>
    public const string ReadRuns = "runs:read";

    /// <summary>Ingest customers, orders and events: ops, admin.</summary>
    public const string Ingest = "data:ingest";

    /// <summary>Read customers, points, segments and follow-ups: every role (ops need them to work their tasks).</summary>
    public const string ReadData = "data:read";

    /// <summary>Update follow-up tasks: ops, admin.</summary>
    public const string UpdateTasks = "tasks:update";

    /// <summary>Read, export and verify the audit log: auditor, admin.</summary>
    public const string ReadAudit = "audit:read";

    /// <summary>Scrape <c>/metrics</c>: ops, admin.</summary>
    public const string ReadMetrics = "metrics:read";

    /// <summary>Redeem points and draw for members, as the shop's integration does: ops, admin.</summary>
    public const string Redeem = "benefits:redeem";

    /// <summary>Edit the benefits catalog: analyst, admin.</summary>
    public const string WriteCatalog = "catalog:write";

    /// <summary>Administration only: admin.</summary>
    public const string Admin = "admin";

    /// <summary>The roles each policy admits; the single source for registration, 403 messages and the OpenAPI document.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesByPolicy =
        new Dictionary<string, IReadOnlyList<string>>
        {
            [ReadRules] = Roles.All,
            [WriteRules] = [Roles.Analyst, Roles.Admin],
            [DryRun] = [Roles.Analyst, Roles.Ops, Roles.Admin],
            [TriggerRuns] = [Roles.Ops, Roles.Admin],
            [CancelRuns] = [Roles.Ops, Roles.Admin],
            [ReadRuns] = Roles.All,
            [Ingest] = [Roles.Ops, Roles.Admin],
            [ReadData] = Roles.All,
            [UpdateTasks] = [Roles.Ops, Roles.Admin],
            [ReadAudit] = [Roles.Auditor, Roles.Admin],
            [ReadMetrics] = [Roles.Ops, Roles.Admin],
            [Redeem] = [Roles.Ops, Roles.Admin],
            [WriteCatalog] = [Roles.Analyst, Roles.Admin],
            [Admin] = [Roles.Admin],
        };
}
