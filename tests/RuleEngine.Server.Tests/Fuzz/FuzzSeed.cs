using System.Globalization;

namespace RuleEngine.Server.Tests.Fuzz;

/// <summary>
/// The fuzz's seed: fixed, so that every run sends the same requests and a failure reproduces; set
/// RULEENGINE_FUZZ_SEED to explore other inputs (and to replay the seed a failure message printed).
/// </summary>
public static class FuzzSeed
{
    public const int Default = 20261122;

    public static int Value { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("RULEENGINE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed : Default;

    /// <summary>One stream per endpoint, so that adding an endpoint does not change the others' inputs (FNV-1a; string.GetHashCode is randomised).</summary>
    public static int For(string endpoint)
    {
        var hash = 2166136261u;
        foreach (var c in endpoint) hash = (hash ^ c) * 16777619u;
        return Value ^ (int)hash;
    }
}
