using System.Text.Json;
using RuleEngine.Audit;

namespace RuleEngine.Server.Audit;

/// <summary>An audit entry over HTTP: the stored fields, with <c>details</c> as the JSON object it is.</summary>
public sealed record AuditEntryView(
    long Sequence, DateTime At, string Type, string Actor, string? Rule, string? Subject, string Summary,
    JsonElement Details, string PreviousHash, string Hash)
{
    public static AuditEntryView From(AuditEntry e)
    {
        using var details = JsonDocument.Parse(e.Details);
        return new(e.Sequence, e.At, e.Type, e.Actor, e.Rule, e.Subject, e.Summary, details.RootElement.Clone(), e.PreviousHash, e.Hash);
    }
}
