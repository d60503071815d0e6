namespace RuleEngine.Server.Security;

/// <summary>The roles an API key can have (configuration <c>RuleEngine:ApiKeys:N:Role</c>).</summary>
public static class Roles
{
    public const string Analyst = "analyst";
    public const string Ops = "ops";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Ops, Auditor];
}
