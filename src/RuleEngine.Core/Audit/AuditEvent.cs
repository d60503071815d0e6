namespace RuleEngine.Audit;

/// <summary>
/// Something to record: who did what to which rule or object. <see cref="Details"/> is serialised to JSON once,
/// when the entry is written, and is hashed exactly as stored. It must never hold personal data (names, e-mails,
/// phones, birthdays, free text people typed): ids and counts only. <see cref="AuditEvents"/> builds every kind.
/// </summary>
public sealed record AuditEvent(
    string Type,
    string Actor,
    string Summary,
    string? Rule = null,
    string? Subject = null,
    object? Details = null);
