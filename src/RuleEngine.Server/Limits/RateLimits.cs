namespace RuleEngine.Server.Limits;

/// <summary>Named rate-limit policies: <c>.RequireRateLimiting(RateLimits.Writes)</c> on every write endpoint.</summary>
public static class RateLimits
{
    /// <summary>Per API key: <see cref="LimitsOptions.WritesPerWindow"/> requests per <see cref="LimitsOptions.WriteWindowSeconds"/>.</summary>
    public const string Writes = "writes";
}
