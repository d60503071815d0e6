using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Scripting;

namespace RuleEngine.Server.Rules;

/// <summary>A rule as listed by <c>GET /api/rules</c>.</summary>
public record RuleSummary(
    string Name, string? Kind, string? Schedule, string? TimeZone, string? Description, string? Owner,
    string Status, string? VersionHash, string? PendingVersion, DateTime? NextFireTime, RunSummary? LastRun)
{
    /// <summary>The header's <c>trigger:</c> kinds (orders, customers, events:&lt;type&gt;); empty when the rule runs only on schedule or demand.</summary>
    public IReadOnlyList<string> Triggers { get; init; } = [];

    public static RuleSummary From(RuleState rule, DateTime? nextFireTime, Run? lastRun) => new(
        rule.Name, rule.Header?.Kind.ToString().ToLowerInvariant(), rule.Header?.Schedule, rule.Header?.TimeZone,
        rule.Header?.Description, rule.Header?.Owner, rule.Status.ToString().ToLowerInvariant(), rule.Active?.Hash,
        rule.Pending?.Hash, nextFireTime, lastRun is null ? null : RunSummary.From(lastRun)) { Triggers = rule.Header?.Triggers ?? [] };
}

/// <summary>The last run of a rule, in brief.</summary>
public sealed record RunSummary(string Id, string Status, DateTime? StartedAt, DateTime? FinishedAt)
{
    public static RunSummary From(Run run) => new(run.Id, run.Status.ToString().ToLowerInvariant(), run.StartedAt, run.FinishedAt);
}

/// <summary>A rule in full, as <c>GET /api/rules/{name}</c> shows it: what the server sees, exactly.</summary>
public sealed record RuleDetail(
    string Name, string? Kind, string? Schedule, string? TimeZone, string? Description, string? Owner,
    string Status, string? VersionHash, string? PendingVersion, DateTime? NextFireTime, RunSummary? LastRun,
    string Path, string? Source, IReadOnlyList<RuleDiagnostic> Diagnostics, IReadOnlyList<string> LoadedFiles,
    DateTime? ActivatedAt, IReadOnlyList<RuleVersionView> Versions, IReadOnlyList<RuleTestView> Tests)
    : RuleSummary(Name, Kind, Schedule, TimeZone, Description, Owner, Status, VersionHash, PendingVersion, NextFireTime, LastRun);

/// <summary>One given/expect case of the newest version tried (see docs/writing-rules.md, "Testing a rule").</summary>
public sealed record RuleTestView(string Name, bool Passed, string? Message);

/// <summary>One kept version of a rule.</summary>
public sealed record RuleVersionView(string Hash, DateTime CreatedAt, string Source, string Actor, bool Good, string Path, bool Active)
{
    public static RuleVersionView From(RuleVersion v, string? activeHash) => new(
        v.Hash, v.CreatedAt, v.Source.ToString().ToLowerInvariant(), v.Actor, v.Good, v.Path, v.Hash == activeHash);
}

/// <summary>One version's full text, for auditors and for diffs.</summary>
public sealed record RuleVersionContent(string Hash, DateTime CreatedAt, string Source, string Actor, bool Good, string Path,
    string Content, IReadOnlyDictionary<string, string> LoadedFiles);

/// <summary>The answer of <c>POST /api/rules/validate</c>.</summary>
public sealed record ValidationResult(bool Ok, IReadOnlyList<RuleDiagnostic> Diagnostics);
