using System.ComponentModel.DataAnnotations;

namespace RuleEngine.Server.Data;

// The rows the ingest endpoints read, as the OpenAPI document shows them. The endpoints parse rows themselves (the
// mappers in Core/Ingest/Mapping, which report every bad field); these types only describe that format, and
// IngestRowsDocumentTests sends the document's examples to the endpoints to keep the two together.

/// <summary>A customer, upserted by <c>id</c>. In CSV: <c>tags</c> split on ';', columns <c>attributes.x</c> and <c>consent.x</c>.</summary>
public sealed class CustomerIngestRow
{
    /// <summary>Your id for the customer, at most 128 characters; sending it again updates the customer.</summary>
    [Required, MaxLength(128)] public string Id { get; init; } = "";
    /// <summary>Personal data: shown only to roles that may see it, never logged.</summary>
    public string? Name { get; init; }
    /// <summary>Personal data.</summary>
    public string? Email { get; init; }
    /// <summary>Personal data.</summary>
    public string? Phone { get; init; }
    public string? Gender { get; init; }
    /// <summary>A date, yyyy-MM-dd.</summary>
    public DateOnly? Birthday { get; init; }
    public string? Region { get; init; }
    /// <summary>When the customer joined, ISO-8601 (UTC when no offset is given).</summary>
    public DateTime? JoinedAt { get; init; }
    /// <summary>Where the customer came from: online shop, store, clinic...</summary>
    public string? Channel { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Free-form profile attributes; values are strings, numbers or booleans (kept as text).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    /// <summary>Consent flags by channel or purpose, e.g. sms, email, marketing.</summary>
    public IReadOnlyDictionary<string, bool>? Consent { get; init; }
}

/// <summary>An order, upserted by <c>id</c>; its customer must exist (in the store or earlier in the same request). CSV orders carry no items.</summary>
public sealed class OrderIngestRow
{
    /// <summary>Your id for the order, at most 128 characters.</summary>
    [Required, MaxLength(128)] public string Id { get; init; } = "";
    /// <summary>The customer's id; the customer must exist.</summary>
    [Required, MaxLength(128)] public string CustomerId { get; init; } = "";
    /// <summary>What the customer paid for the whole order (after discounts, including shipping), not negative; rules sum it. Not checked against the items.</summary>
    [Required, Range(0, double.MaxValue)] public decimal Amount { get; init; }
    /// <summary>ISO 4217 code; CNY when absent.</summary>
    public string? Currency { get; init; }
    /// <summary>When the order was placed, ISO-8601 (UTC when no offset is given).</summary>
    [Required] public DateTime At { get; init; }
    public string? Channel { get; init; }
    /// <summary><c>paid</c> (the default) or <c>refunded</c>: a refund is a status, not a negative order.</summary>
    [AllowedValues("paid", "refunded")] public string? Status { get; init; }
    /// <summary>When the refund happened, for a refunded order.</summary>
    public DateTime? RefundedAt { get; init; }
    public IReadOnlyList<OrderItemIngestRow>? Items { get; init; }
}

/// <summary>One line of an order.</summary>
public sealed class OrderItemIngestRow
{
    [Required] public string Sku { get; init; } = "";
    public string? Name { get; init; }
    /// <summary>How many, at least 1.</summary>
    [Required, Range(1, int.MaxValue)] public int Quantity { get; init; }
    /// <summary>
    /// The price of ONE unit, not of the line: the line's total is quantity × price (the demo data is built so).
    /// Stored as given; the server does not check items against the order's amount.
    /// </summary>
    [Required] public decimal Price { get; init; }
}

/// <summary>An interaction event (sign-in, visit, complaint, survey...), upserted by <c>id</c>; its customer must exist.</summary>
public sealed class EventIngestRow
{
    [Required, MaxLength(128)] public string Id { get; init; } = "";
    [Required, MaxLength(128)] public string CustomerId { get; init; } = "";
    /// <summary>signin, visit, complaint, survey, follow_shop, favorite, add_to_cart, callback_made, coupon_used, or your own.</summary>
    [Required] public string Type { get; init; } = "";
    /// <summary>When it happened, ISO-8601 (UTC when no offset is given).</summary>
    [Required] public DateTime At { get; init; }
    /// <summary>Scalars kept as text; a <c>visit</c> needs <c>prescriptionDays</c>, a positive whole number, when it has one.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
