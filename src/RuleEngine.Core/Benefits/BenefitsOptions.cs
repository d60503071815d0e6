namespace RuleEngine.Benefits;

/// <summary>The <c>RuleEngine:Benefits</c> configuration section.</summary>
public sealed class BenefitsOptions
{
    public const string Section = "RuleEngine:Benefits";

    /// <summary>The draws' HMAC key; when unset, one is generated into the data folder on first start (see <see cref="Draws.DrawSecret"/>).</summary>
    public string? DrawSecret { get; set; }

    /// <summary>Longest idempotency key accepted.</summary>
    public int MaxIdempotencyKeyLength { get; set; } = 200;
}
