using RuleEngine.Scripting;
using RuleEngine.Scripting.Loading;

namespace RuleEngine.Rules;

/// <summary>What the server knows of one rule right now. Immutable: the catalog swaps whole states.</summary>
public sealed record RuleState
{
    public required string Name { get; init; }
    /// <summary>The rule file, relative to the rules folder.</summary>
    public required string Path { get; init; }
    public required RuleStatus Status { get; init; }
    /// <summary>The version that runs, if any.</summary>
    public ActiveVersion? Active { get; init; }
    /// <summary>A newer version that did not become active (it failed to compile or its tests), with why.</summary>
    public RejectedVersion? Pending { get; init; }
    /// <summary>Hash of the newest version the catalog tried, good or not.</summary>
    public required string LatestHash { get; init; }
    /// <summary>Diagnostics of the newest version tried (errors when it was rejected, warnings otherwise).</summary>
    public IReadOnlyList<RuleDiagnostic> Diagnostics { get; init; } = [];
    /// <summary>The header of the active version, or of the newest version when none is active and it parsed.</summary>
    public RuleHeader? Header => Active?.Header ?? PendingHeader;
    public RuleHeader? PendingHeader { get; init; }
}

public enum RuleStatus { Active, Invalid, Disabled }

/// <summary>A rule version that is loaded and runs.</summary>
public sealed record ActiveVersion(RuleHeader Header, RuleSources Sources, LoadedRule Rule, DateTime ActivatedAt)
{
    public string Hash => Sources.Hash;
}

/// <summary>A newer version that was refused; the active one (if any) keeps running.</summary>
public sealed record RejectedVersion(string Hash, DateTime At, IReadOnlyList<RuleDiagnostic> Diagnostics);

/// <summary>Raised when the version that runs changes: activated, replaced, deactivated (for the scheduler).</summary>
public sealed record RuleChange(string Name, RuleState? Before, RuleState After);
