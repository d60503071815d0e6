using System.Collections.Concurrent;
using RuleEngine.Scripting;

namespace RuleEngine.Runs.Preview;

/// <summary>
/// Drafts compiled when a preview was asked for, by source hash, so that the run does not compile them a second time
/// (a compile costs a large share of a preview on demo data). Only the compiled bytes are kept, never a loaded rule;
/// a few recent drafts at most. A run whose draft is not here (a restart) compiles it again from the text it keeps.
/// </summary>
public sealed class PreviewDrafts
{
    const int Capacity = 16;
    readonly ConcurrentDictionary<string, (RuleCompilation Compilation, long Order)> _drafts = new();
    long _order;

    public void Keep(RuleCompilation compilation)
    {
        if (!compilation.Succeeded) return;
        _drafts[compilation.Sources.Hash] = (compilation, Interlocked.Increment(ref _order));
        while (_drafts.Count > Capacity && _drafts.MinBy(d => d.Value.Order) is { Key: { } oldest }) _drafts.TryRemove(oldest, out _);
    }

    public RuleCompilation? Find(string hash) => _drafts.TryGetValue(hash, out var kept) ? kept.Compilation : null;
}
