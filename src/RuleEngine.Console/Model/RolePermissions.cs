namespace RuleEngine.Console.Model;

/// <summary>
/// What the console offers a role (buttons shown or hidden). A convenience only: the REST API decides, and a hidden
/// button's call is refused there all the same. Mirrors the server's policy table (docs/operations.md, "Roles").
/// </summary>
public sealed record RolePermissions(bool WriteRules, bool DryRun, bool TriggerRuns, bool ReadAudit)
{
    public static RolePermissions For(string? role) => role switch
    {
        "admin" => new(WriteRules: true, DryRun: true, TriggerRuns: true, ReadAudit: true),
        "analyst" => new(WriteRules: true, DryRun: true, TriggerRuns: false, ReadAudit: false),
        "ops" => new(WriteRules: false, DryRun: true, TriggerRuns: true, ReadAudit: false),
        "auditor" => new(WriteRules: false, DryRun: false, TriggerRuns: false, ReadAudit: true),
        _ => new(false, false, false, false),
    };
}
