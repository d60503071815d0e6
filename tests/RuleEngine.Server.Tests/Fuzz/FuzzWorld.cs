namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// Things that exist on the fuzzed server, so that some generated requests reach past "not found"
/// into body and query handling. Filled once by <see cref="EndpointFuzzTests"/> before the first case.
/// </summary>
public sealed class FuzzWorld
{
    public const string RuleName = "fuzz-target";
    public const string CustomerId = "fuzz-c1";

    public string RunId { get; set; } = "none";
    public string VersionHash { get; set; } = "none";

    private int _nextId;

    /// <summary>A fresh id per ingested row, so that an accepted (or wrongly half-accepted) batch shows in the counts.</summary>
    public string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _nextId)}";

    /// <summary>A value that fits the route parameter, for the cases that do not fuzz it.</summary>
    public string RealValueFor(string route, string parameter) => parameter switch
    {
        "name" => RuleName,
        "hash" => VersionHash,
        "kind" => "fuzz",
        "value" => "member",
        "id" when route.StartsWith("/api/runs", StringComparison.Ordinal) => RunId,
        "id" when route.StartsWith("/api/customers", StringComparison.Ordinal) => CustomerId,
        _ => "none",
    };
}
