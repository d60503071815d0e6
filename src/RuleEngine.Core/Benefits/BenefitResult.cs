namespace RuleEngine.Benefits;

/// <summary>Why a redemption or draw was refused; nothing was spent or issued.</summary>
public enum BenefitRefusal
{
    UnknownCustomer, UnknownItem, UnknownCampaign, InvalidRequest,
    InsufficientPoints, OutOfStock, NoChanceLeft, ChancesNotForSale,
    /// <summary>The idempotency key was already used for a different item or campaign.</summary>
    KeyReused,
}

/// <summary>
/// A redemption or draw made now (<see cref="Replayed"/> false), found again for a repeated idempotency key
/// (<see cref="Replayed"/> true), or refused with what and why.
/// </summary>
public sealed record BenefitResult<T>(T? Value, bool Replayed, BenefitRefusal? Refusal, string? Detail) where T : class
{
    public static BenefitResult<T> Made(T value) => new(value, false, null, null);

    public static BenefitResult<T> Again(T value) => new(value, true, null, null);

    public static BenefitResult<T> Refused(BenefitRefusal refusal, string detail) => new(null, false, refusal, detail);
}
