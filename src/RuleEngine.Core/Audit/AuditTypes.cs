namespace RuleEngine.Audit;

/// <summary>The <c>type</c> of audit entries, the values the <c>type</c> filter takes.</summary>
public static class AuditTypes
{
    /// <summary>
    /// A new version of a rule was considered: from its file, saved over the API, or a rollback (details.source says
    /// which), with its hash, the previous hash, whether it runs and a diff.
    /// </summary>
    public const string RuleVersion = "rule.version";
    /// <summary>A rule stopped running because its file is gone.</summary>
    public const string RuleDeactivated = "rule.deactivated";
    public const string RunTriggered = "run.triggered";
    /// <summary>A cancel was requested (the run's final status follows in <see cref="RunFinished"/>).</summary>
    public const string RunCancelRequested = "run.cancel";
    /// <summary>A run reached its final status (succeeded, failed, cancelled, interrupted) with its counts.</summary>
    public const string RunFinished = "run.finished";
    public const string TaskUpdated = "task.updated";
    public const string DataIngested = "data.ingested";
    /// <summary>A request was refused because of its API key (unknown key or wrong role).</summary>
    public const string KeyRefused = "auth.refused";
    /// <summary>A version of the benefits catalog was considered (from its file or the API): hash, previous, whether in force.</summary>
    public const string CatalogVersion = "catalog.version";
    /// <summary>A member redeemed points for a catalog item.</summary>
    public const string Redemption = "benefits.redemption";
    /// <summary>A member drew in a campaign: identity, roll, drawn and given prize, so an auditor with the secret can recompute it.</summary>
    public const string Draw = "benefits.draw";

    public static readonly IReadOnlyList<string> All =
        [RuleVersion, RuleDeactivated, RunTriggered, RunCancelRequested, RunFinished, TaskUpdated, DataIngested, KeyRefused, CatalogVersion, Redemption, Draw];
}
