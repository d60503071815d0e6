using System.ComponentModel.DataAnnotations;

namespace RuleEngine.Server.Limits;

/// <summary>The <c>RuleEngine:Limits</c> section (see docs/operations.md).</summary>
public sealed class LimitsOptions
{
    public const string Section = "RuleEngine:Limits";

    /// <summary>Largest request body accepted; ingest batches above it must be split.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Write requests one API key may make per window (endpoints with <see cref="RateLimits.Writes"/>).</summary>
    [Range(1, int.MaxValue)]
    public int WritesPerWindow { get; set; } = 120;

    [Range(1, 86_400)]
    public int WriteWindowSeconds { get; set; } = 60;
}
