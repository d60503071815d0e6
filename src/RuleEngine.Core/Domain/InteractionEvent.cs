namespace RuleEngine.Domain;

/// <summary>
/// Something a customer did: a daily sign-in, a clinic visit, a complaint, a survey answer...
/// Properties are kept as invariant-culture strings so any JSON scalar round-trips.
/// </summary>
public sealed record InteractionEvent
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    /// <summary>See <see cref="EventTypes"/> for the well-known types; others are allowed.</summary>
    public required string Type { get; init; }
    /// <summary>When it happened (UTC).</summary>
    public required DateTime At { get; init; }
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}

/// <summary>The interaction types the rule library knows.</summary>
public static class EventTypes
{
    public const string SignIn = "signin";
    /// <summary>A clinic visit; <c>properties.prescriptionDays</c> is the prescription length.</summary>
    public const string Visit = "visit";
    public const string Complaint = "complaint";
    public const string Survey = "survey";
    public const string FollowShop = "follow_shop";
    public const string Favorite = "favorite";
    public const string AddToCart = "add_to_cart";
    public const string CallbackMade = "callback_made";
    public const string CouponUsed = "coupon_used";
}
