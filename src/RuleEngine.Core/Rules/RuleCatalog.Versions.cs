using RuleEngine.Scripting;

namespace RuleEngine.Rules;

/// <summary>Running a kept version: the last good one at start-up, or the one a rerun must complete.</summary>
public sealed partial class RuleCatalog
{
    /// <summary>
    /// The version <paramref name="hash"/> of rule <paramref name="name"/>, ready to run: the active one when it is that
    /// version, else compiled (usually from the compile cache) from the version store. Null when it cannot be had.
    /// A version that is not the active one must be unloaded by the caller after use (see <see cref="IsActive"/>).
    /// </summary>
    public ActiveVersion? LoadVersion(string name, string hash)
    {
        if (Find(name)?.Active is { } active && active.Hash == hash) return active;
        return versions.FindVersion(name, hash) is { Good: true } version ? Load(version) : null;
    }

    public bool IsActive(ActiveVersion version) => ReferenceEquals(Find(version.Header.Name)?.Active, version);

    ActiveVersion? Load(RuleVersion version)
    {
        var sources = RuleSources.FromStored(version.Path, version.Content, version.LoadedFiles);
        var compilation = compiler.Compile(sources);
        var (loaded, _) = Activate(version.Rule, compilation);
        return loaded is null ? null : new ActiveVersion(compilation.Header!, sources, loaded, clock.GetUtcNow().UtcDateTime);
    }
}
