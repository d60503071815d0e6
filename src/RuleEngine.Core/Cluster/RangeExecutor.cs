using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RuleEngine.Rules;
using RuleEngine.Runs;
using RuleEngine.Storage;

namespace RuleEngine.Cluster;

/// <summary>
/// Executes one claimed range of a partitioned run with the ordinary runner: the run's version and clock, the range's
/// customers only (resuming after its checkpoint), outcomes applied under the run's deterministic keys, so a range
/// evaluated again after its node died applies nothing twice. The lease is renewed with every page and by a timer
/// between pages; a range found no longer this node's (lease passed, run cancelled) stops at its next page.
/// </summary>
public sealed class RangeExecutor(
    RuleCatalog catalog,
    RuleRunner runner,
    IRunStore runs,
    IRunRanges ranges,
    ICustomerStream customers,
    ClusterNode node,
    IOptions<ClusterOptions> options,
    ILogger<RangeExecutor> log)
{
    public async Task ExecuteAsync(RunRange range, CancellationToken stopping)
    {
        var lease = options.Value.RangeLease;
        if (runs.Find(range.RunId) is not { Status: RunStatus.Running, VersionHash: { } hash } run)
        {
            await ranges.FinishAsync(range, node.Id, RangeStatus.Cancelled, range.Processed, range.Counts, "The run is no longer running.", stopping);
            return;
        }
        var version = catalog.LoadVersion(run.Rule, hash);
        if (version is null)
        {
            await ranges.FinishAsync(range, node.Id, RangeStatus.Failed, range.Processed, range.Counts,
                $"Version {hash[..12]} of rule '{run.Rule}' cannot be loaded on {node.Id}.", stopping);
            return;
        }
        var loadedForThisRange = !catalog.IsActive(version);
        var read = new ReadPositions();
        var records = new RangeRecords(runs, ranges, range, node.Id, lease, read.LastIdAfter);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        await using var renewal = new Timer(_ => _ = RenewAsync(), null, lease / 3, lease / 3);
        log.LogInformation("Range {Seq} of run {RunId} ({Customers} customers) claimed, attempt {Attempt}, resuming after {After}",
            range.Seq + 1, range.RunId, range.Customers, range.Attempts, range.ResumeAfter ?? "the start");
        try
        {
            var slice = new RunSlice((pageSize, withEvents) => read.Track(Pages(range, pageSize, withEvents)), range.Customers - range.Processed, records);
            var result = await runner.ExecuteAsync(run, version, lost.Token, slice: slice);
            var status = result.Status switch
            {
                RunStatus.Succeeded => RangeStatus.Done,
                RunStatus.Cancelled => RangeStatus.Cancelled,
                _ => RangeStatus.Failed,
            };
            if (!records.StillHeld) return; // another node has it now, or the run was cancelled: not ours to finish
            await ranges.FinishAsync(range, node.Id, status, records.Processed, records.Counts, result.Error, CancellationToken.None);
        }
        finally
        {
            if (loadedForThisRange) version.Rule.Unload();
        }

        async Task RenewAsync()
        {
            try
            {
                if (!await ranges.RenewAsync(range, node.Id, lease, stopping)) await lost.CancelAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Range {Seq} of run {RunId}: renewing its lease failed", range.Seq + 1, range.RunId);
            }
        }
    }

    /// <summary>The range's customers, after its checkpoint and up to its last id.</summary>
    IEnumerable<IReadOnlyList<CustomerData>> Pages(RunRange range, int pageSize, bool withEvents)
    {
        foreach (var page in customers.ReadPages(pageSize, range.ResumeAfter, withEvents))
        {
            if (range.ToId is null) { yield return page; continue; }
            var within = page.Where(c => string.CompareOrdinal(c.Customer.Id, range.ToId) <= 0).ToList();
            if (within.Count > 0) yield return within;
            if (within.Count < page.Count) yield break;
        }
    }

    /// <summary>The ids read, in order, so a count of customers processed names the last of them: the range's checkpoint.</summary>
    sealed class ReadPositions
    {
        readonly List<(long Through, string LastId)> _pages = [];
        long _read;

        public IEnumerable<IReadOnlyList<CustomerData>> Track(IEnumerable<IReadOnlyList<CustomerData>> pages)
        {
            foreach (var page in pages)
            {
                _read += page.Count;
                lock (_pages) _pages.Add((_read, page[^1].Customer.Id));
                yield return page;
            }
        }

        public string? LastIdAfter(long processed)
        {
            if (processed == 0) return null;
            lock (_pages) return _pages.LastOrDefault(p => p.Through <= processed).LastId;
        }
    }
}
