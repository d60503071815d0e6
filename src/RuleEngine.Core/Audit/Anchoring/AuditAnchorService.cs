using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RuleEngine.Audit.Anchoring;

/// <summary>
/// Notes the audit chain's head in every <see cref="IAuditAnchorSink"/> at start, every
/// <see cref="AuditAnchorOptions.AnchorInterval"/> while the head moves, and at stop. A sink that fails is tried
/// again at the next interval. Before noting a new head it checks that the previous anchor still holds, so a
/// rewrite of the chain while the server runs shows up in the log within one interval.
/// </summary>
public sealed class AuditAnchorService(
    IAuditLog audit, IEnumerable<IAuditAnchorSink> sinks, IOptions<AuditAnchorOptions> options, TimeProvider clock,
    ILogger<AuditAnchorService> log) : BackgroundService
{
    readonly SemaphoreSlim _anchoring = new(1, 1);
    readonly Dictionary<string, AuditAnchor> _written = [];
    AuditAnchor? _previous;

    /// <summary>Anchors the current head now (the timer calls it; tests and shutdown too). Returns the head anchored, if any.</summary>
    public async Task<AuditAnchor?> AnchorNowAsync(CancellationToken cancellationToken = default)
    {
        await _anchoring.WaitAsync(cancellationToken);
        try
        {
            if (audit.Head() is not { } head) return null;
            var anchor = new AuditAnchor(head.Sequence, head.Hash, head.At, clock.GetUtcNow().UtcDateTime);
            CheckPrevious();
            foreach (var sink in sinks)
            {
                if (_written.TryGetValue(sink.Name, out var last) && last.Sequence == anchor.Sequence && last.Hash == anchor.Hash) continue;
                try
                {
                    await sink.WriteAsync(anchor, cancellationToken);
                    _written[sink.Name] = anchor;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    log.LogWarning(e, "The audit anchor for entry {AuditSequence} could not be written to the {AnchorSink}; trying again in {AnchorInterval}",
                        anchor.Sequence, sink.Name, options.Value.AnchorInterval);
                }
            }
            _previous = anchor;
            return anchor;
        }
        finally
        {
            _anchoring.Release();
        }
    }

    /// <summary>One point read: is the entry anchored last time still the one the chain holds?</summary>
    void CheckPrevious()
    {
        if (_previous is not { } previous) return;
        var entry = audit.At(previous.Sequence);
        if (entry is not null && entry.Hash == previous.Hash) return;
        log.LogError("The audit chain no longer holds the entry anchored at {AnchoredAt:O}: entry {AuditSequence} {Found} instead of hash {AuditHash}. " +
                     "It was rewritten or cut; GET /api/audit/verify names what changed",
            previous.AnchoredAt, previous.Sequence, entry is null ? "is gone" : $"has hash {entry.Hash}", previous.Hash);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AnchorInterval, clock);
        do
        {
            try
            {
                await AnchorNowAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Reading the head failed (storage faulted): the health checks say so; anchoring goes on when it is back.
                log.LogWarning(e, "The audit chain's head could not be read for anchoring");
            }
        } while (await WaitAsync(timer, stoppingToken));
    }

    static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // The last head before the process goes: whatever happens to the file while the server is down shows.
            await AnchorNowAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The audit chain's head could not be anchored at shutdown");
        }
    }
}
