using RuleEngine.Rules;

namespace RuleEngine.Storage;

/// <summary>Every version of every rule, kept for rollback and audit.</summary>
public interface IRuleVersionStore
{
    /// <summary>Saves a version; saving the same rule and hash again changes nothing.</summary>
    Task SaveAsync(RuleVersion version, CancellationToken cancellationToken = default);

    /// <summary>The versions of one rule, newest first.</summary>
    IReadOnlyList<RuleVersion> ListVersions(string rule);

    RuleVersion? FindVersion(string rule, string hash);

    /// <summary>The newest good version of each rule: what to run when a file is missing or broken at start-up.</summary>
    IReadOnlyList<RuleVersion> LatestGoodVersions();
}
