using System.Collections.Concurrent;
using RuleEngine.Rules;
using RuleEngine.Storage;

namespace RuleEngine.Tests.Rules;

/// <summary>A version store for catalog tests that need no database.</summary>
sealed class InMemoryRuleVersionStore : IRuleVersionStore
{
    readonly ConcurrentDictionary<string, RuleVersion> _versions = new();

    public Task SaveAsync(RuleVersion version, CancellationToken cancellationToken = default)
    {
        _versions.TryAdd(version.Id, version);
        return Task.CompletedTask;
    }

    public IReadOnlyList<RuleVersion> ListVersions(string rule) =>
        _versions.Values.Where(v => v.Rule == rule).OrderByDescending(v => v.CreatedAt).ToList();

    public RuleVersion? FindVersion(string rule, string hash) => _versions.GetValueOrDefault($"{rule}@{hash}");

    public IReadOnlyList<RuleVersion> LatestGoodVersions() =>
        _versions.Values.Where(v => v.Good).GroupBy(v => v.Rule).Select(g => g.MaxBy(v => v.CreatedAt)!).ToList();
}
