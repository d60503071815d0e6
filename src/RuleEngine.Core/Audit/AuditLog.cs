using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using RuleEngine.Audit.Anchoring;
using RuleEngine.Storage;

namespace RuleEngine.Audit;

/// <summary>Stamps events with the time, their details as JSON, their place in the chain and their hash.</summary>
/// <param name="anchors">Anchors the server noted outside the database; every verification checks the chain against them.</param>
public sealed class AuditLog(IAuditStore store, TimeProvider clock, ILogger<AuditLog> log, IAuditAnchorSource? anchors = null) : IAuditLog
{
    const int ExportPageSize = 500;

    static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<AuditEntry> AppendAsync(AuditEvent auditEvent) => store.AppendAsync(Sealer(auditEvent));

    public Func<AuditLink, AuditEntry> Sealer(AuditEvent auditEvent)
    {
        var details = JsonSerializer.Serialize(auditEvent.Details ?? new { }, DetailsJson);
        return link =>
        {
            // The clock is read on the writer, after the head: times never go backwards along the chain.
            var now = clock.GetUtcNow().UtcDateTime;
            var entry = new AuditEntry
            {
                Sequence = link.Sequence, At = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
                Type = auditEvent.Type, Actor = auditEvent.Actor, Rule = auditEvent.Rule, Subject = auditEvent.Subject,
                Summary = auditEvent.Summary, Details = details, PreviousHash = link.PreviousHash, Hash = "",
            };
            return entry with { Hash = AuditHash.Of(entry) };
        };
    }

    public async Task<bool> TryAppendAsync(AuditEvent auditEvent)
    {
        try
        {
            await AppendAsync(auditEvent);
            return true;
        }
        catch (Exception e)
        {
            // The log line carries the whole event, so what the audit log missed can still be reconstructed.
            log.LogError(e, "Audit entry could not be recorded: {AuditType} by {Actor} on {Rule} {Subject}: {Summary}",
                auditEvent.Type, auditEvent.Actor, auditEvent.Rule, auditEvent.Subject, auditEvent.Summary);
            return false;
        }
    }

    public Page<AuditEntry> List(AuditQuery query, PageRequest page) => store.List(query, page);

    public IEnumerable<AuditEntry> ReadAll(AuditQuery query)
    {
        string? cursor = null;
        do
        {
            var page = store.List(query, new PageRequest(ExportPageSize, cursor));
            foreach (var entry in page.Items) yield return entry;
            cursor = page.NextCursor;
        } while (cursor is not null);
    }

    public AuditEntry? Last(AuditQuery query) => store.Last(query);

    public AuditHead? Head() => store.Last(new AuditQuery()) is { } last ? new AuditHead(last.Sequence, last.Hash, last.At) : null;

    public AuditEntry? At(long sequence) => store.Find(sequence);

    public AuditVerification Verify(AuditAnchor? anchor = null) =>
        AuditChainVerifier.Verify(store.ReadChain(), WithNoted(anchors?.ReadAnchors() ?? [], anchor));

    /// <summary>The server's anchors with the caller's one slotted in by sequence, still streamed.</summary>
    static IEnumerable<AuditAnchor> WithNoted(IEnumerable<AuditAnchor> written, AuditAnchor? noted)
    {
        foreach (var anchor in written)
        {
            if (noted is not null && noted.Sequence <= anchor.Sequence)
            {
                yield return noted;
                noted = null;
            }
            yield return anchor;
        }
        if (noted is not null) yield return noted;
    }
}
