using RuleEngine.Rules;
using RuleEngine.Storage;

namespace RuleEngine.Editing;

/// <summary>
/// The diff of a rule file between two kept versions: <paramref name="From"/> and <paramref name="To"/> are the
/// full hashes compared (<paramref name="From"/> null when <paramref name="To"/> is the rule's first version).
/// </summary>
public sealed record RuleDiff(string? From, string To, string Unified, IReadOnlyList<DiffHunk> Hunks);

/// <summary>Diffs between kept versions of a rule, named by hash (or a unique prefix of one) or <c>live</c>.</summary>
public sealed class RuleVersionDiff(RuleCatalog catalog, IRuleVersionStore versions)
{
    public const string Live = "live";

    /// <summary>The outcome of a diff request: the diff, or what could not be found.</summary>
    public sealed record Result(RuleDiff? Diff, bool UnknownRule = false, string? UnknownVersion = null);

    /// <param name="to">A version, <c>live</c> when null.</param>
    /// <param name="from">A version; when null, the version kept just before <paramref name="to"/>.</param>
    public Result Compare(string name, string? from, string? to)
    {
        var all = versions.ListVersions(name); // newest first
        if (all.Count == 0 && catalog.Find(name) is null) return new Result(null, UnknownRule: true);
        to = string.IsNullOrWhiteSpace(to) ? Live : to;
        if (Resolve(name, all, to) is not { } after) return new Result(null, UnknownVersion: to);

        RuleVersion? before;
        if (string.IsNullOrWhiteSpace(from))
            before = all.SkipWhile(v => v.Hash != after.Hash).Skip(1).FirstOrDefault();
        else if ((before = Resolve(name, all, from)) is null)
            return new Result(null, UnknownVersion: from);

        var diff = TextDiff.Compare(before?.Content, after.Content,
            before is null ? "/dev/null" : $"a/{before.Path}@{before.Hash[..12]}", $"b/{after.Path}@{after.Hash[..12]}");
        return new Result(new RuleDiff(before?.Hash, after.Hash, diff.Unified, diff.Hunks));
    }

    RuleVersion? Resolve(string name, IReadOnlyList<RuleVersion> all, string version)
    {
        if (version == Live)
            return catalog.Find(name)?.Active?.Hash is { } live ? all.FirstOrDefault(v => v.Hash == live) : null;
        if (all.FirstOrDefault(v => v.Hash == version) is { } exact) return exact;
        var matches = version.Length >= 7 ? all.Where(v => v.Hash.StartsWith(version, StringComparison.OrdinalIgnoreCase)).Take(2).ToList() : [];
        return matches.Count == 1 ? matches[0] : null;
    }
}
