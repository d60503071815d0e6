using RuleEngine.Rules;
using RuleEngine.Storage;

namespace RuleEngine.Audit;

/// <summary>
/// The audit entry of a considered rule version: actor, source, hash, the previous hash recorded for the rule, whether
/// it runs now, and a diff of the rule file against the previous version's text.
/// </summary>
public static class RuleVersionAudit
{
    public static async Task RecordAsync(IAuditLog audit, IRuleVersionStore versions, RuleVersion version, bool active)
    {
        var previous = audit.Last(new AuditQuery(Rule: version.Rule, Type: AuditTypes.RuleVersion));
        // Every start-up reads every rule file again; a file version already recorded is no change. Saves and rollbacks
        // over the API are recorded even when the text is the same: someone did them.
        if (version.Source == RuleVersionSource.File && previous?.Subject == version.Hash) return;
        var before = previous?.Subject is { } hash ? versions.FindVersion(version.Rule, hash) : null;
        var auditEvent = Build(version, before, previous?.Subject, active);
        if (version.Source == RuleVersionSource.File) await audit.TryAppendAsync(auditEvent); // nobody waits on a file edit
        else await audit.AppendAsync(auditEvent);
    }

    static AuditEvent Build(RuleVersion version, RuleVersion? before, string? previousHash, bool active)
    {
        var source = version.Source.ToString().ToLowerInvariant();
        var outcome = active ? "now active" : version.Good ? "valid but not active" : "rejected; the last good version keeps running";
        var diff = Editing.TextDiff.Unified(before?.Content, version.Content,
            before is null ? "/dev/null" : $"a/{before.Path}@{previousHash![..12]}", $"b/{version.Path}@{version.Hash[..12]}");
        var changedHelpers = version.LoadedFiles
            .Where(f => before?.LoadedFiles.GetValueOrDefault(f.Key) != f.Value).Select(f => f.Key)
            .Concat(before?.LoadedFiles.Keys.Where(k => !version.LoadedFiles.ContainsKey(k)) ?? [])
            .Order(StringComparer.Ordinal).ToList();
        return new AuditEvent(AuditTypes.RuleVersion, version.Actor,
            $"Rule {version.Rule} version {version.Hash[..12]} from {source} by {version.Actor}: {outcome}",
            version.Rule, version.Hash, new
            {
                source, version.Path, version.Hash, previousHash, good = version.Good, active, changedHelpers, diff,
            });
    }
}
