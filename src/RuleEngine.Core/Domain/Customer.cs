namespace RuleEngine.Domain;

/// <summary>A customer or member of the CRM, as loaded by ops (upserted by its caller-given id).</summary>
public sealed record Customer
{
    /// <summary>The caller's id; unique.</summary>
    public required string Id { get; init; }
    /// <summary>Personal data: never logged.</summary>
    public string? Name { get; init; }
    /// <summary>Personal data: never logged.</summary>
    public string? Email { get; init; }
    /// <summary>Personal data: never logged.</summary>
    public string? Phone { get; init; }
    public string? Gender { get; init; }
    /// <summary>Personal data: never logged.</summary>
    public DateOnly? Birthday { get; init; }
    public string? Region { get; init; }
    /// <summary>When the customer joined (UTC).</summary>
    public DateTime? JoinedAt { get; init; }
    /// <summary>Where the customer came from: online shop, store, clinic...</summary>
    public string? Channel { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Free-form profile attributes, often collected by surveys (skin type, style preference...).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    /// <summary>Consent flags by channel or purpose (for example <c>sms</c>, <c>email</c>, <c>marketing</c>).</summary>
    public IReadOnlyDictionary<string, bool> Consent { get; init; } = new Dictionary<string, bool>();
}
