namespace RuleEngine.Audit;

/// <summary>Filters of the audit list and export; null means any. <see cref="To"/> is exclusive.</summary>
public sealed record AuditQuery(
    DateTime? From = null, DateTime? To = null, string? Actor = null, string? Rule = null, string? Type = null);
